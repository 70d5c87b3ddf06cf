/**
 * A NetSuite salesOrder's totals from what it holds (Oracle NetSuite REST API
 * Browser, `salesOrder`: `subtotal`, `shippingCost`, `taxTotal`, `total`;
 * Help Center "Tax Details on Transactions in SuiteTax"):
 *
 *   item amount = `amount`, or quantity × `rate` rounded to the currency when no amount was given
 *   subtotal    = Σ item amounts (discount, credit and charge items included, negative or not)
 *   taxTotal    = Σ `taxDetails` tax amounts when `taxDetailsOverride` is set; otherwise the
 *                 SuiteTax engine computes it, which the sandbox does not model (null)
 *   total       = subtotal + shippingCost + taxTotal
 */
import { add, amount, amountDecimals, mulDivRound, ONE, text } from "./amount"

type Body = Record<string, unknown>

export interface NetSuiteTotals {
  subtotal: string
  shippingCost: string
  /** null: the tax engine's, not modelled. */
  taxTotal: string | null
  total: string | null
}

const itemsOf = (sublist: unknown): Body[] => (sublist as { items?: Body[] } | undefined)?.items ?? []

/**
 * The sandbox account's currency records: internal id, name (what a reference's `refName` shows)
 * and ISO code (the record's `symbol`, "ISO Code" in the UI; Oracle, "Viewing and Editing Currency
 * Records", section_1543618833). Ids 1–4 are the ones a US account starts with; the rest were added.
 */
export const NETSUITE_CURRENCIES: ReadonlyArray<{ id: string; name: string; symbol: string }> = [
  { id: "1", name: "US Dollar", symbol: "USD" },
  { id: "2", name: "British pound", symbol: "GBP" },
  { id: "3", name: "Canadian Dollar", symbol: "CAD" },
  { id: "4", name: "Euro", symbol: "EUR" },
  { id: "5", name: "Japanese Yen", symbol: "JPY" },
  { id: "6", name: "Australian Dollar", symbol: "AUD" },
  { id: "7", name: "Swiss Franc", symbol: "CHF" },
  { id: "8", name: "Kuwaiti Dinar", symbol: "KWD" },
  { id: "9", name: "Icelandic Krona", symbol: "ISK" },
]

/** ISO code of the order's `currency` (`{ id }`, or a `refName` naming a currency); USD when absent. */
export function netSuiteCurrency(order: Body): string {
  const ref = (order.currency ?? {}) as { id?: unknown; refName?: unknown }
  const found = NETSUITE_CURRENCIES.find((c) =>
    ref.id !== undefined ? c.id === String(ref.id) : c.name === ref.refName
  )
  return found?.symbol ?? "USD"
}

export function netSuiteTotals(order: Body): NetSuiteTotals {
  const decimals = amountDecimals(netSuiteCurrency(order))
  const lineAmounts = itemsOf(order.item).map((i) =>
    i.amount !== undefined && i.amount !== null
      ? amount(i.amount, "amount")
      : mulDivRound(amount(i.quantity, "quantity"), amount(i.rate, "rate"), ONE, decimals)
  )
  const subtotal = add(...lineAmounts)
  const shipping = amount(order.shippingCost, "shippingCost")
  if (order.taxDetailsOverride !== true)
    return { subtotal: text(subtotal), shippingCost: text(shipping), taxTotal: null, total: null }
  const tax = add(...itemsOf(order.taxDetails).map((t) => amount(t.taxAmount, "taxAmount")))
  return {
    subtotal: text(subtotal),
    shippingCost: text(shipping),
    taxTotal: text(tax),
    total: text(add(subtotal, shipping, tax)),
  }
}
