import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconcileInvoicesWorkflow } from "../../../../workflows/invoicing/reconcile-invoices"
import type { AdminReconcileInvoicesType } from "../validators"

/**
 * POST /admin/invoices/reconcile {invoice_ids?, force?} — what the
 * invoices-reconcile job does, now: retries unfinished issuing, applies
 * Stripe changes we missed, and reports drift.
 */
export async function POST(req: MedusaRequest<AdminReconcileInvoicesType>, res: MedusaResponse) {
  const { result } = await reconcileInvoicesWorkflow(req.scope).run({ input: req.validatedBody ?? {} })
  res.json({ report: result })
}
