import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { computeMoneyDriftStep, ComputeMoneyDriftStepInput } from "./steps/compute-money-drift"

export type MoneyDriftReportWorkflowInput = ComputeMoneyDriftStepInput
export type { MoneyDriftReport } from "./steps/compute-money-drift"
export type { DriftCode, MoneyDriftRow } from "../../modules/invoicing/lib/money-drift"

/**
 * The finance drift report: per order, Medusa's total as it stands against
 * the order's invoices net of their credit notes (Σ of the issued, non-void
 * ones, less any rounding Stripe forced, less what the notes credited — a
 * return's goods in full), the last order document the hub gave ERPs, and
 * Σ credit notes ≤ Σ invoiced (rules in modules/invoicing/lib/money-drift.ts).
 * A read: it changes nothing, so it has no compensation. Shared by
 * GET /admin/invoices/drift, `npm run money-drift` and the invoices-reconcile
 * job.
 *
 * @example
 * const { result } = await moneyDriftReportWorkflow(container).run({ input: { drift_only: true, limit: 50, offset: 0 } })
 * result.orders[0].problems // ["not_invoiced"]
 */
export const moneyDriftReportWorkflow = createWorkflow(
  "money-drift-report-workflow",
  (input: MoneyDriftReportWorkflowInput) => {
    return new WorkflowResponse(computeMoneyDriftStep(input))
  }
)
