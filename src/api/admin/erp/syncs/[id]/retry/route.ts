import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { hubRuntime } from "../../../../../../modules/outbox/lib/runtime"
import { getErpSync, retryErpSync } from "../../../helpers"

/**
 * POST /admin/erp/syncs/:id/retry — syncs the order to that connection again
 * now, with a fresh retry schedule (the order's latest state is sent). If
 * Redis cannot take the job, the reconciler picks the sync up within a minute.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const pg = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  if (await retryErpSync(pg, req.params.id))
    await hubRuntime.enqueueErpDeliveries([req.params.id]).catch(() => undefined)
  res.status(202).json({ sync: await getErpSync(pg, req.params.id) })
}
