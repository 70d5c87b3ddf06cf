// Reads what a company's credit account owes or has promised (open invoices, counting holds): the basis of every credit check.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { OPEN_INVOICE_STATUSES } from "../../../modules/invoicing/lib/status"
import type { CreditAccount, CreditExposure } from "../../../modules/b2b/lib/credit-position"
import { isOrderHoldReference } from "../../../modules/b2b/lib/order-credit-hold"

type HoldRow = {
  id: string
  reference: string
  cart_id: string | null
  order_id: string | null
  amount_minor: unknown
  expires_at: Date | string | null
}

/**
 * What a company's credit account owes or has promised in one currency:
 * open invoices plus holds of checkouts (or edits) not yet invoiced. Reads
 * only; call it under the credit lock (reserve-credit.ts) when the answer
 * gates a write.
 *
 * Invoices are counted by contract, over ALL the company's contracts in the
 * currency (terminated, expired and deleted ones too), so a renewed contract
 * still sees the previous one's unpaid invoices, and a child company's orders
 * on an inherited contract count against the parent that grants the credit.
 *
 * `exclude_reference`: leave out that reference's own hold (it is being
 * replaced, e.g. a retried completion of the same cart).
 */
export async function creditExposure(
  container: MedusaContainer,
  account: CreditAccount,
  options: { exclude_reference?: string } = {}
): Promise<CreditExposure> {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const currency = account.currency_code.toLowerCase()

  const contracts = await b2b.listContracts(
    { company_id: account.company_id, currency_code: currency },
    { select: ["id"], withDeleted: true }
  )
  const open = contracts.length
    ? await invoicing.listInvoices(
        { contract_id: contracts.map((c) => c.id), currency_code: currency, status: OPEN_INVOICE_STATUSES },
        { select: ["amount_due_minor"] }
      )
    : []
  const openMinor = open.reduce((sum, inv) => sum + BigInt(String(inv.amount_due_minor)), 0n)

  const holds = (
    (await b2b.listCreditHolds(
      { company_id: account.company_id, currency_code: currency, released_at: null },
      { select: ["id", "reference", "cart_id", "order_id", "amount_minor", "expires_at"] }
    )) as HoldRow[]
  ).filter((h) => h.reference !== options.exclude_reference)
  const counting = await countingHolds(container, holds)
  const heldMinor = counting.reduce((sum, h) => sum + BigInt(String(h.amount_minor)), 0n)

  return { open_invoices_minor: openMinor, held_minor: heldMinor }
}

/**
 * The holds that still count. A hold counts from the credit check until its
 * order's invoice record exists — from then on the invoice's amount_due
 * counts instead, so the order is never counted twice nor missed in between,
 * even before the issue-invoice workflow marks the hold released. A checkout
 * hold whose cart never became an order stops counting at expires_at; one
 * whose cart did become an order keeps counting (the cart→order link is
 * looked up, the TTL alone is not trusted).
 */
async function countingHolds(container: MedusaContainer, holds: HoldRow[]): Promise<HoldRow[]> {
  if (!holds.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const cartIds = holds.flatMap((h) => (h.cart_id && !h.order_id ? [h.cart_id] : []))
  const orderOfCart = new Map<string, string>()
  if (cartIds.length) {
    const { data } = await query.graph({
      entity: "order_cart",
      fields: ["cart_id", "order_id"],
      filters: { cart_id: cartIds },
    })
    for (const link of data as { cart_id: string; order_id: string }[]) orderOfCart.set(link.cart_id, link.order_id)
  }
  const orderOf = (h: HoldRow) => h.order_id ?? (h.cart_id ? orderOfCart.get(h.cart_id) : undefined)
  // Holds of a whole order's total defer to the order's invoice: a
  // checkout's, and a draft order converted on net terms (order-credit-hold.ts).
  // An edit's hold is for an increase the invoice does not carry yet,
  // released by the edit's invoicing itself.
  const invoicedBy = (h: HoldRow) => (h.cart_id || isOrderHoldReference(h.reference) ? orderOf(h) : undefined)

  const checkoutOrders = holds.flatMap((h) => (invoicedBy(h) ? [invoicedBy(h)!] : []))
  const invoiced = new Set<string>()
  if (checkoutOrders.length) {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const rows = await invoicing.listInvoices({ order_id: checkoutOrders }, { select: ["order_id"] })
    for (const row of rows) invoiced.add(row.order_id)
  }

  const now = Date.now()
  return holds.filter((h) => {
    const orderId = invoicedBy(h)
    if (orderId && invoiced.has(orderId)) return false
    if (h.cart_id && orderId) return true
    return !h.expires_at || new Date(h.expires_at).getTime() > now
  })
}
