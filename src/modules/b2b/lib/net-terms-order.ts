import { NET_TERMS_PROVIDER_ID } from "../../providers/net-terms/constants"

/** Order fields that tell whether an order is paid on net terms. */
export const NET_TERMS_ORDER_FIELDS = ["payment_collections.payments.provider_id"]

/** An order read with NET_TERMS_ORDER_FIELDS. */
export type OrderPayments = {
  payment_collections?: ({ payments?: ({ provider_id?: string } | null)[] | null } | null)[] | null
}

/**
 * An order is on net terms when one of its payments was made with the
 * net-terms provider — the same test invoicing applies (prepare-invoice.ts).
 * A payment Medusa canceled still counts: confirming an edit cancels the
 * authorized collection and opens a new one, yet the order stays on terms.
 */
export function isNetTermsOrder(order: OrderPayments): boolean {
  return (order.payment_collections ?? []).some((pc) =>
    (pc?.payments ?? []).some((p) => p?.provider_id === NET_TERMS_PROVIDER_ID)
  )
}

/**
 * Money Medusa hands out (BigNumber, number, its raw `{ value }`) as the
 * decimal string toMinor reads.
 */
export function majorString(amount: unknown): string {
  if (amount !== null && typeof amount === "object") {
    const a = amount as { numeric?: unknown; value?: unknown }
    if (a.value !== undefined) return String(a.value)
    if (a.numeric !== undefined) return String(a.numeric)
  }
  return String(amount ?? 0)
}
