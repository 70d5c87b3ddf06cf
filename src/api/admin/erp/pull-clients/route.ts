import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../modules/erp"
import type ErpModuleService from "../../../../modules/erp/service"
import { generateClientCredentials, hashSecret } from "../../../../modules/erp/lib/client-secret"
import { toAdminPullClient } from "../helpers"
import type { AdminCreatePullClientType } from "../validators"

/** GET /admin/erp/pull-clients — every client (never a secret). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const clients = await erp.listErpPullClients({}, { order: { created_at: "ASC" } })
  res.json({ pull_clients: clients.map(toAdminPullClient) })
}

/**
 * POST /admin/erp/pull-clients — an ERP that pulls orders with OAuth2 client
 * credentials. The secret is in this response only (stored as a scrypt hash).
 */
export async function POST(req: MedusaRequest<AdminCreatePullClientType>, res: MedusaResponse) {
  const body = req.validatedBody
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const credentials = generateClientCredentials("erp")
  const created = await erp.createErpPullClients({
    name: body.name,
    client_id: credentials.client_id,
    client_secret_hash: await hashSecret(credentials.client_secret),
    scopes: body.scopes,
    sales_channel_ids: body.sales_channel_ids,
    company_ids: body.company_ids,
  })
  res.status(201).json({ pull_client: toAdminPullClient(created), client_secret: credentials.client_secret })
}
