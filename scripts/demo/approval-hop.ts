import { HttpError, StoreClient } from "../../integration-tests/helpers/store-client"
import { toMajorString, toMinor } from "../../src/lib/money"
import { step } from "./hops"

const money = (amount: unknown, currency: string) =>
  `${toMajorString(toMinor(String(amount), currency, { round: true }), currency)} ${currency.toUpperCase()}`

/**
 * The order waits for the company's admin: completing the cart returns an
 * approval request (the cart locks), the admin finds it in their queue, sees
 * the priced cart, and approves, which places the order through Medusa's
 * checkout. Returns the order as the buyer's store API shows it.
 */
export async function approveThroughCompanyAdmin({
  store,
  cartId,
  hubUrl,
  seed,
}: {
  store: StoreClient
  cartId: string
  hubUrl: string
  seed: any
}): Promise<any> {
  const completed = await store.complete(cartId)
  const request = completed.approval_request
  if (completed.type !== "cart" || !request)
    throw new Error(`completing the cart should ask for approval, got ${JSON.stringify(completed).slice(0, 300)}`)
  step("approval", `checkout → approval request ${request.id}: ${request.levels[0].reasons.join("; ")}`)
  const locked = await store.addItem(cartId, seed.variants[0].id, 1).then(
    () => null,
    (e: HttpError) => e
  )
  if (locked?.status !== 409) throw new Error("the cart should be locked while its approval is pending")
  step("approval", `the cart is locked while it waits (adding a line → 409 ${locked.body.code})`)

  const admin = new StoreClient(hubUrl, seed.publishable_key)
  await admin.login(seed.approver.email, seed.approver.password)
  const queue = await admin.request("GET", "/store/b2b/approval-requests?waiting_for_me=true")
  if (!queue.approval_requests.some((r: { id: string }) => r.id === request.id))
    throw new Error(`${seed.approver.email} should find ${request.id} waiting for them`)
  const detail = await admin.request("GET", `/store/b2b/approval-requests/${request.id}`)
  step(
    "approval",
    `${seed.approver.email} (company admin) sees it in their queue: ${detail.cart.items.length} lines, total ${money(detail.cart.total, detail.cart.currency_code)}, PO ${detail.cart.po_number}`
  )
  const { approval_request: approved } = await admin.request(
    "POST",
    `/store/b2b/approval-requests/${request.id}/approve`,
    { comment: "Approved for the plant refit" }
  )
  if (approved.status !== "approved" || !approved.order_id)
    throw new Error(`approving should place the order, got ${JSON.stringify(approved)}`)
  step("approval", `approved → the cart became order ${approved.order_id}`)
  const { order } = await store.request(
    "GET",
    `/store/orders/${approved.order_id}?fields=id,display_id,total,currency_code,discount_total,tax_total`
  )
  return order
}
