/**
 * A received return → a Business Central sales credit memo (API v2.0 `salesCreditMemos` with
 * `salesCreditMemoLines`).
 *
 * The standard API v2.0 has no sales return order entity (microsoft/ALAppExtensions
 * `Apps/W1/APIV2/app/src/pages/` publishes `APIV2SalesCreditMemos.Page.al` and
 * `APIV2SalesCreditMemLines.Page.al`, no return order page), so a return is a credit memo, found
 * again by `externalDocumentNumber` = our return id (Microsoft Learn, "salesCreditMemo resource
 * type"). Only fields the page lets a client write are sent: `customerName`, `billToName`, the
 * totals, `status` and — unlike on salesOrders — `pricesIncludeTax` are `Editable = false`; BC takes
 * Prices Including VAT from the customer (off for customers the hub creates). So the lines are
 * always stated net of tax; with `settings.taxLine` the hub's tax is booked on tax lines as on the
 * sales order, otherwise BC computes it on the net amounts.
 *
 * @module
 */
import { ErpConfigError } from "../lib/errors"
import { returnAsOrder } from "../lib/returns"
import type { HubOrder, HubReturn } from "../lib/types"
import {
  addressFields,
  currencyCode,
  customerNumberFor,
  MAX_EXTERNAL_DOCUMENT_NUMBER,
  toBcSalesOrderLines,
  type BcLine,
} from "./mapping"
import type { BusinessCentralSettings } from "./settings"

/** The salesCreditMemo header; `externalDocumentNumber` = our return id is the idempotency key. */
export function toBcSalesCreditMemo(
  order: HubOrder,
  ret: HubReturn,
  s: BusinessCentralSettings
): Record<string, unknown> {
  if (ret.id.length > MAX_EXTERNAL_DOCUMENT_NUMBER) {
    throw new ErpConfigError(`business-central: return id ${ret.id} is longer than externalDocumentNumber allows (35)`)
  }
  const bill = order.customer.billing_address
  return {
    externalDocumentNumber: ret.id,
    creditMemoDate: new Date(ret.received_at).toISOString().slice(0, 10),
    customerNumber: customerNumberFor(order.customer),
    currencyCode: currencyCode(order.currency_code, s),
    email: order.customer.email,
    phoneNumber: bill.phone ?? order.customer.shipping_address.phone ?? "",
    ...addressFields("sellTo", bill),
  }
}

/** The credit memo's lines, keyed by sequence like a sales order's, net of tax (see the module comment). */
export function toBcSalesCreditMemoLines(order: HubOrder, ret: HubReturn, s: BusinessCentralSettings): BcLine[] {
  return toBcSalesOrderLines({ ...returnAsOrder(order, ret), tax_inclusive: false }, s)
}
