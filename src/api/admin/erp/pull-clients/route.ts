import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../modules/erp"
import type ErpModuleService from "../../../../modules/erp/service"
import { createPullClientWorkflow } from "../../../../workflows/erp/create-pull-client"
import { toAdminPullClient } from "../views"
import type { AdminCreatePullClientType, AdminListPullClientsType } from "../validators"

/** GET /admin/erp/pull-clients?limit=&offset= — clients, oldest first (never a secret). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { limit, offset } = req.validatedQuery as unknown as AdminListPullClientsType
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const [clients, count] = await erp.listAndCountErpPullClients(
    {},
    { order: { created_at: "ASC" }, take: limit, skip: offset }
  )
  res.json({ pull_clients: clients.map(toAdminPullClient), count, limit, offset })
}

/**
 * POST /admin/erp/pull-clients — an ERP that pulls orders with OAuth2 client
 * credentials. The secret is in this response only (stored as a scrypt hash).
 * Unknown sales channels or companies are refused (400 naming the field).
 */
export async function POST(req: MedusaRequest<AdminCreatePullClientType>, res: MedusaResponse) {
  const { name, scopes, sales_channel_ids, company_ids } = req.validatedBody
  const { result } = await createPullClientWorkflow(req.scope).run({
    input: { name, scopes, sales_channel_ids, company_ids },
  })
  res.status(201).json({ pull_client: toAdminPullClient(result.pull_client), client_secret: result.client_secret })
}
