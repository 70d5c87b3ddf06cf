import { createHash } from "node:crypto"

/** The cart fields an approval is given for. */
export type FingerprintedCart = {
  id: string
  currency_code: string
  total: unknown
  customer_id: string | null
  items?: ({ id: string; variant_id?: string | null; quantity: unknown; unit_price: unknown } | null)[] | null
  shipping_methods?: ({ shipping_option_id?: string | null; amount: unknown } | null)[] | null
}

/**
 * What an approver saw: the lines, their prices, shipping and the total.
 * An approved request is honoured only for a cart with the same fingerprint;
 * a changed cart needs a new approval.
 */
export function cartFingerprint(cart: FingerprintedCart): string {
  const items = (cart.items ?? [])
    .filter((i): i is NonNullable<typeof i> => !!i)
    .map((i) => [i.id, i.variant_id ?? null, String(i.quantity), String(i.unit_price)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
  const shipping = (cart.shipping_methods ?? [])
    .filter((s): s is NonNullable<typeof s> => !!s)
    .map((s) => [s.shipping_option_id ?? null, String(s.amount)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
  const shape = [cart.id, cart.customer_id, cart.currency_code, String(cart.total ?? 0), items, shipping]
  return createHash("sha256").update(JSON.stringify(shape)).digest("hex")
}
