import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { moneyDriftReportWorkflow } from "../../../../workflows/invoicing/money-drift-report"
import type { AdminMoneyDriftType } from "../validators"

/**
 * GET /admin/invoices/drift?drift_only=&order_id=&since=&until=&limit=&offset=
 * — per order (newest first): Medusa's total, the invoices, the last ERP
 * document, Σ credit notes, and the problems found (see the workflow).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: AdminMoneyDriftType }).validatedQuery
  const { result } = await moneyDriftReportWorkflow(req.scope).run({
    input: {
      order_id: q.order_id,
      since: q.since?.toISOString(),
      until: q.until?.toISOString(),
      drift_only: q.drift_only,
      limit: q.limit,
      offset: q.offset,
    },
  })
  res.json(result)
}
