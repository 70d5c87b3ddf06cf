import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../../modules/erp"
import type ErpModuleService from "../../../../../modules/erp/service"
import { loadHubConfig } from "../../../../../lib/config/env"
import { seal } from "../../../../../lib/crypto/secret-box"
import { writeSecretRow } from "../../../../../lib/errors/secret-row-write"
import { removeErpConnectionWorkflow } from "../../../../../workflows/erp/remove-erp-connection"
import { checkConnector, toAdminConnection } from "../../helpers"
import type { AdminUpdateErpConnectionType } from "../../validators"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  res.json({ connection: toAdminConnection(await erp.retrieveErpConnection(req.params.id)) })
}

/**
 * POST /admin/erp/connections/:id — changes a connection. `settings`
 * replaces the stored settings; `credentials` (write-only) replaces the
 * stored ones, `null` removes them. The next sync uses the new values.
 */
export async function POST(req: MedusaRequest<AdminUpdateErpConnectionType>, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const current = await erp.retrieveErpConnection(req.params.id)
  const { credentials, ...changes } = req.validatedBody
  const credentialsEncrypted =
    credentials === undefined
      ? current.credentials_encrypted
      : credentials === null
        ? null
        : seal(JSON.stringify(credentials), loadHubConfig().encryptionKey)
  if (changes.settings || credentials !== undefined) {
    checkConnector({
      id: current.id,
      kind: current.kind,
      settings: (changes.settings ?? current.settings) as Record<string, unknown>,
      credentials_encrypted: credentialsEncrypted,
      concurrency: changes.concurrency ?? current.concurrency,
    })
  }
  const updated = await writeSecretRow("ERP connection", () =>
    erp.updateErpConnections({ id: current.id, ...changes, credentials_encrypted: credentialsEncrypted })
  )
  res.json({ connection: toAdminConnection(updated) })
}

/**
 * DELETE /admin/erp/connections/:id — removes a connection; its pending
 * syncs are canceled (the delivery log stays).
 */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await removeErpConnectionWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "erp_connection", deleted: true })
}
