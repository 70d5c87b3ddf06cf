import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../../modules/b2b"
import type B2bModuleService from "../../../../modules/b2b/service"
import { toApprovalDocument } from "../../../../modules/b2b/lib/approval-document"
import { requestCartApprovalWorkflow } from "../../../../workflows/b2b/request-cart-approval"
import { pendingApproval } from "../../../../workflows/b2b/utils/validate-checkout"
import { mayNeedApproval } from "../../../../workflows/b2b/utils/may-need-approval"

const CART_FIELDS = ["id", "currency_code", "total", "subtotal", "tax_total", "shipping_total", "items.*", "metadata"]

/**
 * In front of Medusa's `POST /store/carts/:id/complete`: a cart the company's
 * approval rules catch becomes an approval request instead of an order. The
 * answer keeps Medusa's shape for a cart that did not complete
 * (`type: "cart"` with an `error`, as for a declined payment), so any
 * storefront shows the message, plus the `approval_request`. A cart that
 * needs no approval goes on to Medusa's route.
 */
export async function requestApprovalOnComplete(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  try {
    if (!(await mayNeedApproval(req.scope, req.params.id))) return next()
    const { result } = await requestCartApprovalWorkflow(req.scope).run({ input: { cart_id: req.params.id } })
    if (!result) return next()
    // One request per cart: a second checkout of a cart that already waits is refused, not asked again.
    if (!result.created) return next(pendingApproval(result.request.id))
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: req.params.id } })
    const request = toApprovalDocument(result.request)
    res.status(200).json({
      type: "cart",
      cart: data[0],
      error: {
        type: "approval_required",
        name: "ApprovalRequired",
        message: `Your order needs approval (${request.levels.map((l) => l.approver).join(", then ")}); it will be placed once approved.`,
      },
      approval_request: request,
    })
  } catch (error) {
    next(error)
  }
}

/** The pending request of a cart, if any. */
async function pendingRequestId(req: AuthenticatedMedusaRequest, cartId: string | undefined): Promise<string | null> {
  if (!cartId) return null
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const [pending] = await b2b.listApprovalRequests({ cart_id: cartId, status: "pending" }, { select: ["id"], take: 1 })
  return pending?.id ?? null
}

/** 409 on any change to a cart whose approval request is pending (it is what the approver sees). */
export async function refuseChangesWhilePending(
  req: AuthenticatedMedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) {
  try {
    const pending = await pendingRequestId(req, req.params.id)
    next(pending ? pendingApproval(pending) : undefined)
  } catch (error) {
    next(error)
  }
}

/**
 * The same lock on Medusa's payment routes for the cart (`POST
 * /store/payment-collections {cart_id}`, `POST
 * /store/payment-collections/:id/payment-sessions`): the approver approves
 * the cart with the way it pays (net terms or not).
 */
export async function refusePaymentChangesWhilePending(
  req: AuthenticatedMedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) {
  try {
    let cartId = (req.body as { cart_id?: unknown } | undefined)?.cart_id
    if (req.params.id) {
      const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "payment_collection",
        fields: ["cart.id"],
        filters: { id: req.params.id },
      })
      cartId = (data[0] as { cart?: { id: string } | null } | undefined)?.cart?.id
    }
    const pending = await pendingRequestId(req, typeof cartId === "string" ? cartId : undefined)
    next(pending ? pendingApproval(pending) : undefined)
  } catch (error) {
    next(error)
  }
}
