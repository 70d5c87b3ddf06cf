import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, confirmOrderEditRequestWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { ORDER_LOCK_TIMEOUT_SECONDS, ORDER_LOCK_TTL_SECONDS } from "../../modules/b2b/lib/order-lock"
import { editCreditCheckStep } from "./steps/edit-credit-check"
import { reserveCreditStep, type ReserveCreditStepInput } from "./steps/reserve-credit"

export type ConfirmOrderEditWithCreditInput = { order_id: string; confirmed_by?: string }

/**
 * Medusa's order-edit confirmation with the net-terms credit re-check in
 * front: when the edit raises a net-terms order's total, the increase is
 * reserved on the company's credit (hold `order-edit:<order_change_id>`) or
 * the confirmation is refused with 400 `credit_limit_exceeded` and nothing
 * changes. The invoicing side releases the hold once the edit's invoice
 * exists. Used by `POST /admin/order-edits/:id/confirm` (route replaced).
 *
 * Locking: the order id, the key every Medusa edit workflow takes, is held
 * from the check to the end of the confirmation, so no edit action can slip
 * in between; Medusa's confirmation runs nested and therefore takes no lock
 * of its own (acquireLockStep skips itself in a sub-workflow). The credit
 * lock is taken inside it (reserveCredit), always innermost.
 *
 * Compensation: a confirmation that fails after the reservation releases the
 * hold (reserveCreditStep's compensation) and Medusa undoes its own steps.
 *
 * @example
 * const { result: preview } = await confirmOrderEditWithCreditWorkflow(container).run({ input: { order_id, confirmed_by: userId } })
 */
export const confirmOrderEditWithCreditWorkflow = createWorkflow(
  "confirm-order-edit-with-credit-workflow",
  (input: ConfirmOrderEditWithCreditInput) => {
    acquireLockStep({ key: input.order_id, timeout: ORDER_LOCK_TIMEOUT_SECONDS, ttl: ORDER_LOCK_TTL_SECONDS })
    const reservation = editCreditCheckStep({ order_id: input.order_id })
    when("edit-raises-net-terms-total", { reservation }, ({ reservation }) => !!reservation).then(() => {
      reserveCreditStep(transform({ reservation }, ({ reservation }) => reservation as ReserveCreditStepInput))
    })
    const preview = confirmOrderEditRequestWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ order_id: input.order_id, confirmed_by: input.confirmed_by })),
    })
    releaseLockStep({ key: input.order_id })
    return new WorkflowResponse(preview)
  }
)
