import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../../../modules/erp"
import type ErpModuleService from "../../../../../../modules/erp/service"
import { loadHubConfig } from "../../../../../../lib/config/env"
import { connectorFor } from "../../../../../../modules/erp/lib/sync/connector-cache"

/**
 * POST /admin/erp/connections/:id/test — one cheap authenticated call to the
 * ERP: reachability, credentials, latency and the circuit breaker's state.
 * Always 200; `ok` says whether the ERP answered.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const connection = await erp.retrieveErpConnection(req.params.id)
  const health = await connectorFor(
    { ...connection, settings: connection.settings as Record<string, unknown> },
    loadHubConfig().encryptionKey
  ).healthCheck()
  res.json({
    connection_id: connection.id,
    ok: health.ok,
    latency_ms: health.latencyMs,
    breaker: health.breaker,
    error: health.error ?? null,
  })
}
