/**
 * What each ERP's arithmetic (netsuite.ts, business-central.ts, generic.ts)
 * makes of an order the sandbox holds: the document total as the ERP would
 * show it, in the currency's decimals as text. Shared by the vendor handlers
 * (their GET responses) and by tests (`sandbox.documentTotal`).
 */
import type { StoredLine, StoredOrder } from "../store"
import { bcDocumentTotals, type BusinessCentralSetup } from "./business-central"
import { genericOrderTotal } from "./generic"
import { netSuiteTotals, type NetSuiteTotals } from "./netsuite"

type Body = Record<string, unknown>

/** A BC line as the API writes it: the input of BC's arithmetic. */
export const bcLineFields = (l: StoredLine): Body => ({
  lineType: l.lineType ?? "Item",
  quantity: l.quantity,
  unitPrice: l.unitPrice ?? 0,
  discountAmount: l.discount ?? 0,
  taxCode: l.taxCode ?? "",
})

export function netSuiteStoredTotals(o: StoredOrder): NetSuiteTotals {
  return netSuiteTotals({
    ...o.fields,
    item: { items: o.lines.map((l) => ({ quantity: l.quantity, rate: l.unitPrice, amount: l.amount })) },
  })
}

/** The total the ERP would show for the order; null when its tax engine (not modelled) would compute the tax. */
export function storedOrderTotal(o: StoredOrder, bcSetup: BusinessCentralSetup): string | null {
  if (o.kind === "netsuite") return netSuiteStoredTotals(o).total
  if (o.kind === "business-central")
    return bcDocumentTotals(o.fields, o.lines.map(bcLineFields), bcSetup).totalAmountIncludingTax
  // The generic ERP keeps the body as sent.
  return genericOrderTotal(JSON.parse(o.raw) as Body)
}
