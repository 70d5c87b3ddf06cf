import fc from "fast-check"
import { formatMinor, stringifyJson, type HubOrder } from "../../../../../../connectors"
import { toBcSalesOrder, toBcSalesOrderLines } from "../../../../../../connectors/business-central/mapping"
import type { BusinessCentralSettings } from "../../../../../../connectors/business-central/settings"
import { applyMapping, compileMapping } from "../../../../../../connectors/generic/mapping-language"
import { DEFAULT_ORDER_MAPPING } from "../../../../../../connectors/generic/settings"
import { toNetSuiteSalesOrder } from "../../../../../../connectors/netsuite/mapping"
import type { NetSuiteSettings } from "../../../../../../connectors/netsuite/settings"
import { bcDocumentTotals, genericOrderTotal, netSuiteTotals } from "../../../../../../integration-tests/sandboxes/erp"
import { add, amount, text } from "../../../../../../integration-tests/sandboxes/erp/totals/amount"
import { toOrderDocument } from "../../../../../lib/orders/order-document"
import { medusaOrder, orderSpecArb, type OrderSpec } from "../../../../../lib/orders/__tests__/medusa-orders"
import { toHubOrder } from "../to-hub-order"
import { propertyRuns } from "../../../../../../integration-tests/helpers/property-runs"

/**
 * Orders totalled by Medusa's own decorateCartTotals → the order document →
 * the connectors' HubOrder → each connector's request body, as it goes on the
 * wire → the total the ERP computes from that body (the ERP sandbox's
 * arithmetic, integration-tests/sandboxes/erp/totals). Nothing here computes
 * an order total of its own.
 */

type Body = Record<string, unknown>

/** The body as the ERP parses it off the wire. */
const wire = (body: unknown): Body => JSON.parse(stringifyJson(body))
/** An amount in minor units as the ERP's decimal text, canonical ("12.5"). */
const decimal = (minor: bigint | string, currency: string) => text(amount(formatMinor(minor, currency)))

const NETSUITE: NetSuiteSettings = {
  accountId: "1234567",
  taxDetails: { taxTypeId: "5", taxCodeId: "-8" },
  shippingItemId: "77",
  creditItemId: "901",
}
const NETSUITE_ENGINE_TAX: NetSuiteSettings = { accountId: "1234567", creditItemId: "901" }
const BC_BASE: BusinessCentralSettings = {
  tenantId: "t",
  environment: "production",
  companyId: "c",
  shippingLine: { lineType: "Account", number: "6810" },
  creditLine: { lineType: "Account", number: "6910" },
}
const BC_HUB_TAX: BusinessCentralSettings = {
  ...BC_BASE,
  taxLine: { lineType: "Account", number: "2310", exemptTaxCode: "NONTAXABLE" },
}
const GENERIC = compileMapping(DEFAULT_ORDER_MAPPING)

/** BC computing tax itself, set up with the hub's rates: code "R<rate>" at <rate> %. */
function bcErpTax(order: HubOrder): { settings: BusinessCentralSettings; taxPercents: Record<string, string> } {
  const rates = [...new Set([...order.lines, ...order.shipping_lines].map((l) => l.tax_rate))]
  return {
    settings: { ...BC_BASE, taxCodes: Object.fromEntries(rates.map((r) => [r, `R${r}`])) },
    taxPercents: Object.fromEntries(rates.map((r) => [`R${r}`, r])),
  }
}

function hubOrderOf(spec: OrderSpec): HubOrder {
  const order = medusaOrder(spec)
  const doc = toOrderDocument({
    ...order,
    status: "pending",
    created_at: new Date("2026-12-05T10:00:00Z"),
    updated_at: new Date("2026-12-05T10:00:00Z"),
  })
  return toHubOrder(doc)
}

const bcTotals = (order: HubOrder, settings: BusinessCentralSettings, taxPercents: Record<string, string>) =>
  bcDocumentTotals(
    wire(toBcSalesOrder(order, settings)),
    wire(toBcSalesOrderLines(order, settings)) as unknown as Body[],
    { localCurrencyCode: "USD", taxPercents }
  )

describe("ERP documents equal the order (orders totalled by Medusa's decorateCartTotals, every connector mapping)", () => {
  it("property: the ERP's own document total = total_minor to the minor unit, 0 exceptions", () => {
    const seen = {
      orders: 0,
      currencies: new Set<string>(),
      taxInclusive: 0,
      subMinorPrice: 0,
      shippingDiscount: 0,
      freeShipping: 0,
      itemDiscountAndTax: 0,
      bcPriceRemainder: 0,
    }
    const runs = propertyRuns(3000)
    fc.assert(
      fc.property(orderSpecArb(8), (spec) => {
        const order = hubOrderOf(spec)
        const c = order.currency_code
        const total = decimal(order.total_minor, c)
        const preTax = decimal(BigInt(order.total_minor) - BigInt(order.tax_minor), c)

        // NetSuite, the hub's tax stated (tax details override): subtotal + shipping + tax.
        expect(netSuiteTotals(wire(toNetSuiteSalesOrder(order, NETSUITE))).total).toBe(total)
        // NetSuite, SuiteTax computing the tax: what the hub states is the order net of tax.
        const engine = netSuiteTotals(wire(toNetSuiteSalesOrder(order, NETSUITE_ENGINE_TAX)))
        expect(text(add(amount(engine.subtotal), amount(engine.shippingCost)))).toBe(preTax)
        expect(engine.taxTotal).toBeNull()

        // Business Central, the hub's tax on tax lines, every line exempt.
        expect(bcTotals(order, BC_HUB_TAX, { NONTAXABLE: "0" }).totalAmountIncludingTax).toBe(total)
        // Business Central computing the tax from its setup: gross orders keep the order's gross total;
        // net orders get the order's net amounts (the tax is then BC's own).
        const erp = bcErpTax(order)
        const bc = bcTotals(order, erp.settings, erp.taxPercents)
        if (order.tax_inclusive) expect(bc.totalAmountIncludingTax).toBe(total)
        else expect(bc.totalAmountExcludingTax).toBe(preTax)

        // Generic REST, the default mapping's contract.
        expect(genericOrderTotal(wire(applyMapping(GENERIC, order)))).toBe(total)

        seen.orders++
        seen.currencies.add(c)
        if (order.tax_inclusive) seen.taxInclusive++
        if (spec.items.some((i) => i.subMinorPrice)) seen.subMinorPrice++
        const ship = order.shipping_lines[0]
        if (ship && BigInt(ship.discount_minor) > 0n) seen.shippingDiscount++
        if (ship && BigInt(ship.subtotal_minor) > 0n && BigInt(ship.net_minor) === 0n) seen.freeShipping++
        if (order.lines.some((l) => BigInt(l.discount_minor) > 0n && BigInt(l.tax_minor) > 0n))
          seen.itemDiscountAndTax++
        if (order.lines.some((l) => BigInt(l.subtotal_minor) % BigInt(l.quantity || 1) !== 0n)) seen.bcPriceRemainder++
      }),
      { numRuns: runs, seed: 20261205 }
    )
    // The population the audit found broken is well represented.
    // (Shares of the runs, so the quick lane's shorter run is held to the same mix.)
    expect(seen.orders).toBe(runs)
    expect([...seen.currencies].sort()).toEqual(["eur", "isk", "jpy", "kwd", "usd"])
    expect(seen.taxInclusive).toBeGreaterThan(runs / 3)
    expect(seen.subMinorPrice).toBeGreaterThan(runs / 6)
    expect(seen.shippingDiscount).toBeGreaterThan(runs / 6)
    expect(seen.freeShipping).toBeGreaterThan(runs / 300)
    expect(seen.itemDiscountAndTax).toBeGreaterThan(runs / 3)
    expect(seen.bcPriceRemainder).toBeGreaterThan(runs / 6)
  })

  it("a unit price finer than the currency (USD 10.1237 × 4) syncs: the line amount is authoritative, never recomputed from a rounded price", () => {
    const order = hubOrderOf({
      currency: "usd",
      taxRate: 8.875,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 1012, quantity: 4, promotion: { type: "none" }, subMinorPrice: true }],
      shipping: null,
    })
    // Medusa: 4 × 10.1237 = 40.4948 net; the model rounds the line once: 40.50 net, 3.59 tax.
    expect(order.lines[0]).toMatchObject({
      unit_price: "10.1237",
      net_minor: "4050",
      tax_minor: "359",
      total_minor: "4409",
    })
    // NetSuite: 40.50 is not 4 × a price in cents, so only the amount goes (NetSuite derives the rate).
    const ns = wire(toNetSuiteSalesOrder(order, NETSUITE)) as any
    expect(ns.item.items[0]).toEqual({
      item: { externalId: "SKU-0" },
      quantity: 4,
      amount: 40.5,
      description: "Item 0",
      custcol_backy_line_id: order.lines[0]!.line_id,
      taxDetailsReference: order.lines[0]!.line_id,
    })
    // BC: 4 × 10.13 = 40.52 less a 0.02 line discount = 40.50.
    const bcLines = wire(toBcSalesOrderLines(order, BC_HUB_TAX)) as any
    expect(bcLines[0]).toMatchObject({ quantity: 4, unitPrice: 10.13, discountAmount: 0.02 })
    expect(bcTotals(order, BC_HUB_TAX, {}).totalAmountIncludingTax).toBe("44.09")
    expect(netSuiteTotals(ns).total).toBe("44.09")
  })

  it("free shipping books no freight; a tax-inclusive EUR order reaches BC gross with pricesIncludeTax, NetSuite net", () => {
    const order = hubOrderOf({
      currency: "eur",
      taxRate: 19,
      secondTaxRate: 0,
      taxInclusive: true,
      items: [{ unit_minor: 11_900, quantity: 2, promotion: { type: "percentage", percent: 10 } }],
      shipping: { amount_minor: 595, promotion: { type: "percentage", percent: 100 } },
    })
    expect(order).toMatchObject({ tax_inclusive: true, shipping_minor: "0", total_minor: "21420" })
    const ns = wire(toNetSuiteSalesOrder(order, NETSUITE_ENGINE_TAX)) as any
    expect(ns.shippingCost).toBe(0)
    // 2 × 119.00 gross − 10 % = 214.20 gross = 180.00 net + 34.20 VAT.
    expect(ns.item.items[0]).toMatchObject({ quantity: 2, rate: 90, amount: 180 })
    const erp = bcErpTax(order)
    expect(wire(toBcSalesOrder(order, erp.settings)).pricesIncludeTax).toBe(true)
    expect(wire(toBcSalesOrderLines(order, erp.settings))).toEqual([
      {
        sequence: 10000,
        lineType: "Item",
        lineObjectNumber: "SKU-0",
        description: "Item 0",
        quantity: 2,
        unitPrice: 119,
        discountAmount: 23.8,
        taxCode: "R19",
      },
    ])
    expect(bcTotals(order, erp.settings, erp.taxPercents)).toEqual({
      totalAmountExcludingTax: "180",
      totalTaxAmount: "34.2",
      totalAmountIncludingTax: "214.2",
    })
  })
})
