import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryErpSyncWorkflow } from "../../../../../../workflows/erp/retry-erp-sync"
import { getErpSync } from "../../../erp-syncs"

/**
 * POST /admin/erp/syncs/:id/retry — syncs the order to that connection again
 * now, with a fresh retry schedule (the order's latest state is sent). If
 * Redis cannot take the job, the reconciler picks the sync up within a minute.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await retryErpSyncWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(202).json({ sync: await getErpSync(req.scope, req.params.id) })
}
