import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { dbMinor } from "../../../lib/money/db-minor"
import { assessCheckout } from "../utils/assess-checkout"
import { hardRefusal } from "../utils/validate-checkout"
import { loadApprovalRequest } from "../utils/approval-events"
import type { ApprovalRequestRow } from "../../../modules/b2b/lib/approval-document"

export type CreateApprovalRequestStepInput = { cart_id: string }
export type CreateApprovalRequestStepOutput = { request: ApprovalRequestRow; created: boolean } | null

const UNIQUE_VIOLATION = "23505"

/** The step's answer; `createdId` is what the compensation removes (only a request this run created). */
const respond = (output: CreateApprovalRequestStepOutput, createdId?: string) =>
  new StepResponse<CreateApprovalRequestStepOutput, { created_id: string | null }>(output, {
    created_id: createdId ?? null,
  })

/**
 * Asks for approval of a cart the company's rules catch: null when none is
 * needed (the checkout goes on), the pending request when one already waits
 * (a second checkout of a locked cart, or a racing one: the partial unique
 * index on pending requests lets one insert win). Refusals no approval can
 * lift (role, PO, a spending or credit limit no rule covers) are thrown
 * before anything is written.
 */
export const createApprovalRequestStep = createStep(
  "create-approval-request",
  async (input: CreateApprovalRequestStepInput, { container }) => {
    const checkout = await assessCheckout(container, input.cart_id)
    if (!checkout || checkout.cart.completed_at) return respond(null)
    if (checkout.pending) {
      return respond({ request: await loadApprovalRequest(container, checkout.pending.id), created: false })
    }
    const refusal = hardRefusal(checkout)
    if (refusal) throw refusal
    if (!checkout.levels.length || checkout.approved) return respond(null)
    if (!checkout.cart.customer_id) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "cart: no customer")

    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const ttlHours = Number(checkout.buyer.company.approval_ttl_hours ?? 72)
    try {
      const created = await b2b.createApprovalRequests({
        company_id: checkout.buyer.company.id,
        cart_id: checkout.cart.id,
        customer_id: checkout.cart.customer_id,
        employee_id: checkout.buyer.employee.id,
        currency_code: checkout.currency,
        total_minor: dbMinor(checkout.total_minor),
        cart_fingerprint: checkout.fingerprint,
        levels: checkout.levels,
        decisions: [],
        expires_at: new Date(Date.now() + ttlHours * 3_600_000),
      })
      const request = await loadApprovalRequest(container, created.id)
      return respond({ request, created: true }, created.id)
    } catch (error) {
      if ((error as { code?: string })?.code !== UNIQUE_VIOLATION && !/unique|already exists/i.test(String(error)))
        throw error
      const [winner] = await b2b.listApprovalRequests({ cart_id: checkout.cart.id, status: "pending" })
      if (!winner) throw error
      return respond({ request: await loadApprovalRequest(container, winner.id), created: false })
    }
  },
  // The request's event was not recorded (a later step failed): remove it, the cart is not locked.
  async (undo: { created_id: string | null } | undefined, { container }) => {
    if (!undo?.created_id) return
    await container.resolve<B2bModuleService>(B2B_MODULE).deleteApprovalRequests(undo.created_id)
  }
)
