import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../../../modules/erp"
import type ErpModuleService from "../../../../../../modules/erp/service"

/**
 * POST /admin/erp/connections/:id/test — one cheap authenticated call to the
 * ERP: reachability, credentials, latency and the circuit breaker's state.
 * Always 200; `ok` says whether the ERP answered.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const connector = await erp.connectorForConnection(req.params.id)
  const health = await connector.healthCheck()
  res.json({
    connection_id: req.params.id,
    ok: health.ok,
    latency_ms: health.latencyMs,
    breaker: health.breaker,
    error: health.error ?? null,
  })
}
