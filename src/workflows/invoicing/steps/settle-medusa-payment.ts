import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { settleMedusaPayment } from "../utils/settle-payment"

export const settleMedusaPaymentStepId = "settle-medusa-payment-step"

export type SettleMedusaPaymentStepInput = {
  invoice_id: string | null
  /**
   * Also capture the Medusa payment of a paid invoice. The webhook path leaves
   * that to Medusa's own invoice.paid handling (capturing twice at once would
   * race); reconciliation uses it to repair a capture that never happened.
   */
  capture_paid?: boolean
}

/** See settleMedusaPayment: a void invoice cancels the Medusa payment. */
export const settleMedusaPaymentStep = createStep(
  settleMedusaPaymentStepId,
  async ({ invoice_id, capture_paid }: SettleMedusaPaymentStepInput, { container }) => {
    if (!invoice_id) return new StepResponse(null)
    return new StepResponse(await settleMedusaPayment(container, invoice_id, { capturePaid: !!capture_paid }))
  }
)
