import fc from "fast-check"
import { orderAsSold, stringifyJson, type HubOrder } from "../../../../../../connectors"
import {
  toBcSalesCreditMemo,
  toBcSalesCreditMemoLines,
} from "../../../../../../connectors/business-central/credit-memo"
import { toBcSalesOrder, toBcSalesOrderLines } from "../../../../../../connectors/business-central/mapping"
import type { BusinessCentralSettings } from "../../../../../../connectors/business-central/settings"
import { applyMapping, compileMapping } from "../../../../../../connectors/generic/mapping-language"
import { DEFAULT_ORDER_MAPPING } from "../../../../../../connectors/generic/settings"
import { toNetSuiteCreditMemo } from "../../../../../../connectors/netsuite/credit-memo"
import { toNetSuiteSalesOrder } from "../../../../../../connectors/netsuite/mapping"
import type { NetSuiteSettings } from "../../../../../../connectors/netsuite/settings"
import { bcDocumentTotals, genericOrderTotal, netSuiteTotals } from "../../../../../../integration-tests/sandboxes/erp"
import { toMinor } from "../../../../../lib/money"
import { toOrderDocument } from "../../../../../lib/orders/order-document"
import { medusaOrder, orderSpecArb, type OrderSpec } from "../../../../../lib/orders/__tests__/medusa-orders"
import { toHubOrder } from "../to-hub-order"
import { propertyRuns } from "../../../../../../integration-tests/helpers/property-runs"

/**
 * Orders with a received return, totalled by Medusa's own decorateCartTotals → the order document
 * (lines = units kept, returns = units back) → the connectors' bodies on the wire → the totals
 * the ERP computes from them (the ERP sandbox's arithmetic). In an ERP that books the return apart,
 * the sales order as sold less the credit memo is the order's total now; elsewhere the order is.
 */

type Body = Record<string, unknown>
const wire = (body: unknown): Body => JSON.parse(stringifyJson(body))
/** The ERP's decimal total → minor units, exactly (as the hub counts money). */
const cents = (decimal: string | null, currency: string): bigint => toMinor(decimal ?? "0", currency)

const NETSUITE: NetSuiteSettings = {
  accountId: "1234567",
  taxDetails: { taxTypeId: "5", taxCodeId: "-8" },
  shippingItemId: "77",
}
const BC: BusinessCentralSettings = {
  tenantId: "t",
  environment: "production",
  companyId: "c",
  shippingLine: { lineType: "Account", number: "6810" },
  taxLine: { lineType: "Account", number: "2310", exemptTaxCode: "NONTAXABLE" },
}
const GENERIC = compileMapping(DEFAULT_ORDER_MAPPING)
const BC_SETUP = { localCurrencyCode: "USD", taxPercents: { NONTAXABLE: "0" } }

/** The order after one return of `returned` units per line, as the sync hands it to a connector. */
function returnedOrder(spec: OrderSpec): HubOrder {
  const order = medusaOrder(spec, "order_ret")
  const ret = {
    id: "return_01",
    display_id: 1,
    status: "received",
    created_at: "2026-12-06T10:00:00Z",
    received_at: "2026-12-06T11:00:00Z",
    items: order.items.map((item: any, i: number) => ({
      item_id: item.id,
      received_quantity: spec.items[i]!.returned ?? 0,
      damaged_quantity: 0,
    })),
  }
  const placed = { status: "completed", created_at: new Date("2026-12-05T10:00:00Z"), updated_at: new Date() }
  return toHubOrder(toOrderDocument({ ...order, ...placed }, null, [ret]))
}

describe("a received return in every ERP (orders totalled by Medusa's decorateCartTotals)", () => {
  it("property: sales order as sold − credit memo = the order's total now (NetSuite, BC); the generic order is it", () => {
    const arb = orderSpecArb(6).chain((spec) =>
      fc
        .tuple(...spec.items.map((i) => fc.integer({ min: 0, max: i.quantity })))
        .filter((returned) => returned.some((n) => n > 0))
        .map((returned) => ({ ...spec, items: spec.items.map((i, k) => ({ ...i, returned: returned[k] })) }))
    )
    const runs = propertyRuns(1000)
    fc.assert(
      fc.property(arb, (spec) => {
        const order = returnedOrder(spec)
        const c = order.currency_code
        const now = BigInt(order.total_minor)
        const [ret] = order.returns!
        expect(ret).toBeDefined()
        const sold = orderAsSold(order)

        const nsOrder = netSuiteTotals(wire(toNetSuiteSalesOrder(sold, NETSUITE))).total
        const nsMemo = netSuiteTotals(wire(toNetSuiteCreditMemo(order, ret!, NETSUITE))).total
        expect(cents(nsOrder, c) - cents(nsMemo, c)).toBe(now)
        expect(cents(nsMemo, c)).toBe(BigInt(ret!.total_minor))

        const bcOrder = bcDocumentTotals(
          wire(toBcSalesOrder(sold, BC)),
          wire(toBcSalesOrderLines(sold, BC)) as unknown as Body[],
          BC_SETUP
        ).totalAmountIncludingTax
        const bcMemo = bcDocumentTotals(
          wire(toBcSalesCreditMemo(order, ret!, BC)),
          wire(toBcSalesCreditMemoLines(order, ret!, BC)) as unknown as Body[],
          BC_SETUP
        ).totalAmountIncludingTax
        expect(cents(bcOrder, c) - cents(bcMemo, c)).toBe(now)

        expect(cents(genericOrderTotal(wire(applyMapping(GENERIC, order))), c)).toBe(now)
        // The sales order as sold keeps every unit ordered: no ERP is asked to lower a shipped line.
        expect(sold.lines.map((l) => l.quantity)).toEqual(spec.items.map((i) => i.quantity))
      }),
      { numRuns: runs, seed: 20261207 }
    )
  })
})
