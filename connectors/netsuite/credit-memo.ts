/**
 * A received return → a NetSuite creditMemo body.
 *
 * A credit memo "decreases the amount a customer owes you" (Oracle NetSuite Help Center, "Credit
 * Memo", section_N3666537; REST record `creditMemo`, article_164460021767, SuiteTax only like the
 * sales order). The connector upserts it by external id = our return id (`PUT
 * /creditMemo/eid:<return id>`, "Using the Upsert Operation", section_156335203191), so booking a
 * return again updates the same record instead of adding one.
 *
 * Its lines follow the sales order's money rules exactly (`order-money.ts`): each returned line at
 * its amount net of discount and tax, a rate only when it multiplies out, the hub's tax as tax
 * details when `settings.taxDetails` is set. NetSuite's total (Σ amounts + tax) is then the
 * return's total. A return carries no shipping and no credit, so `shippingCost` is not sent.
 *
 * @module
 */
import { formatMinor } from "../lib/money"
import { returnAsOrder } from "../lib/returns"
import type { HubOrder, HubReturn } from "../lib/types"
import { customerRef, toNetSuiteAddress } from "./mapping"
import { netSuiteOrderMoney } from "./order-money"
import type { NetSuiteSettings } from "./settings"

export function toNetSuiteCreditMemo(order: HubOrder, ret: HubReturn, s: NetSuiteSettings): Record<string, unknown> {
  const { shippingCost: _none, ...money } = netSuiteOrderMoney(returnAsOrder(order, ret), s)
  return {
    externalId: ret.id,
    entity: customerRef(order.customer),
    tranDate: new Date(ret.received_at).toISOString().slice(0, 10),
    otherRefNum: order.po_number || undefined,
    memo: `backy return ${ret.display_id ?? ret.id} of order ${order.display_id}: ${formatMinor(ret.total_minor, order.currency_code)} ${order.currency_code.toUpperCase()}`,
    billingAddress: toNetSuiteAddress(order.customer.billing_address, order.customer.name),
    ...money,
  }
}
