import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../modules/erp"
import type ErpModuleService from "../../../../modules/erp/service"
import { loadHubConfig } from "../../../../lib/config/env"
import { seal } from "../../../../lib/crypto/secret-box"
import { writeSecretRow } from "../../../../lib/errors/secret-row-write"
import { checkConnector, toAdminConnection } from "../helpers"
import type { AdminCreateErpConnectionType } from "../validators"

/** GET /admin/erp/connections — every connection (credentials never included). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const connections = await erp.listErpConnections({}, { order: { created_at: "ASC" } })
  res.json({ connections: connections.map(toAdminConnection) })
}

/**
 * POST /admin/erp/connections — a new ERP connection. The settings and
 * credentials are checked by building the adapter (400 naming what is
 * missing); credentials are encrypted at rest and never returned.
 */
export async function POST(req: MedusaRequest<AdminCreateErpConnectionType>, res: MedusaResponse) {
  const body = req.validatedBody
  const credentialsEncrypted = body.credentials
    ? seal(JSON.stringify(body.credentials), loadHubConfig().encryptionKey)
    : null
  checkConnector({
    id: "new",
    kind: body.kind,
    settings: body.settings,
    credentials_encrypted: credentialsEncrypted,
    concurrency: body.concurrency,
  })
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const created = await writeSecretRow("ERP connection", () =>
    erp.createErpConnections({
      name: body.name,
      kind: body.kind,
      settings: body.settings,
      credentials_encrypted: credentialsEncrypted,
      enabled: body.enabled ?? true,
      concurrency: body.concurrency ?? 10,
      max_attempts: body.max_attempts ?? 12,
      retry_base_ms: body.retry_base_ms ?? 5000,
    })
  )
  res.status(201).json({ connection: toAdminConnection(created) })
}
