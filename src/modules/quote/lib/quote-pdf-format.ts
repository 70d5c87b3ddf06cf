// How the quote PDF words its numbers, dates and terms: exact money (bigint, no floats) and UTC dates, so a
// version prints the same text on any server.
import { toMajorString } from "../../../lib/money"

/** Minor units as printed: "1,234.50 USD", "1,500 JPY", "-10.00 USD". Exact: only string work on `toMajorString`. */
export function formatMoney(minor: string | bigint, currency: string): string {
  const major = toMajorString(BigInt(minor), currency)
  // Group the integer digits only; the fraction keeps the currency's exact decimals.
  const grouped = major.replace(/^-?\d+/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ","))
  return `${grouped} ${currency.toUpperCase()}`
}

/** The calendar day of an ISO timestamp in UTC ("2026-12-11"): no server time zone shifts it. */
export function formatDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10)
}

/** Contract payment terms as words: net_30 → "Net 30", due_on_receipt → "Due on receipt". */
export function formatPaymentTerms(terms: string): string {
  const net = /^net_(\d+)$/.exec(terms)
  if (net) return `Net ${net[1]}`
  const words = terms.replace(/_/g, " ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}
