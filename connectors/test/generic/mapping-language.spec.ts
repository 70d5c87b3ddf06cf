import { applyMapping, compileMapping } from "../../generic/mapping-language"
import { DEFAULT_ORDER_MAPPING } from "../../generic/settings"
import { ErpConfigError } from "../../lib/errors"
import { stringifyJson } from "../../lib/json"
import { sampleOrder } from "../fixtures"

describe("mapping language", () => {
  it("maps paths, nested targets, literals, arrays and filters", () => {
    const mapping = compileMapping({
      orderNumber: "$.display_id | string",
      "header.currency": "$.currency_code | upper",
      "header.date": "$.placed_at | date",
      source: "backy",
      version: 2,
      dollar: "$$5 off",
      "lines[].itemNo": "$.lines[].sku",
      "lines[].qty": "$.lines[].quantity",
      "lines[].price": "$.lines[].unit_price_minor | money",
      "lines[].priceText": "$.lines[].unit_price_minor | money_string",
      "lines[].currency": "$.currency_code | upper",
      "lines[].kind": "item",
      total: "$.total_minor | money",
      missing: "$.nope.nothing",
      fallback: "$.nope | default:n/a",
    })
    const out = applyMapping(mapping, sampleOrder())
    expect(JSON.parse(stringifyJson(out))).toEqual({
      orderNumber: "1042",
      header: { currency: "USD", date: "2025-03-14" },
      source: "backy",
      version: 2,
      dollar: "$5 off",
      lines: [
        { itemNo: "WR-1001", qty: 12, price: 19.99, priceText: "19.99", currency: "USD", kind: "item" },
        { itemNo: "DR-2002", qty: 3, price: 1234.5, priceText: "1234.50", currency: "USD", kind: "item" },
      ],
      total: 4300.83,
      fallback: "n/a",
    })
    expect(stringifyJson(out)).toContain('"total":4300.83')
    expect(stringifyJson(out)).toContain('"price":1234.50')
  })

  it("uses the order's currency exponent for money", () => {
    const mapping = compileMapping({ total: "$.total_minor | money_string" })
    expect(applyMapping(mapping, sampleOrder({ currency_code: "JPY", total_minor: "4300" }))).toEqual({ total: "4300" })
    expect(applyMapping(mapping, sampleOrder({ currency_code: "KWD", total_minor: "4300" }))).toEqual({
      total: "4.300",
    })
  })

  it("copies whole objects and the root", () => {
    const out = applyMapping(compileMapping({ shipTo: "$.customer.shipping_address", "raw.id": "$.id" }), sampleOrder())
    expect(out.shipTo).toMatchObject({ city: "Fresno" })
    expect(out.raw).toEqual({ id: sampleOrder().id })
  })

  it.each([
    [{ "a[].b": "$.x[].y", "c[].d": "$.x[].y" }, /only one array target/],
    [{ a: "$.lines[].sku" }, /a \[\] source needs a \[\] target/],
    [{ a: "$.x | shout" }, /unknown filter "shout"/],
    [{ a: "$x" }, /source paths start with/],
    [{ "a[].b[].c": "$.x[].y" }, /at most one \[\]/],
  ])("rejects a bad mapping %j with ErpConfigError", (spec, message) => {
    expect(() => compileMapping(spec)).toThrow(ErpConfigError)
    expect(() => compileMapping(spec)).toThrow(message)
  })

  it("compiles the default order mapping: net amounts and tax per line, shipping net of its discount, the total they add up to", () => {
    const out = applyMapping(compileMapping(DEFAULT_ORDER_MAPPING), sampleOrder())
    expect(JSON.parse(stringifyJson(out))).toMatchObject({
      externalId: sampleOrder().id,
      poNumber: "PO-77812",
      pricesIncludeTax: false,
      billTo: { line1: "500 Industrial Way", country: "US" },
      lines: [
        {
          lineId: "ordli_01",
          itemNo: "WR-1001",
          unitPrice: 19.99,
          unitPriceIncludesTax: false,
          taxRate: 8,
          subtotal: 239.88,
          discount: 10,
          discountTax: 0.8,
          amount: 229.88,
          tax: 18.39,
          total: 248.27,
        },
        { itemNo: "DR-2002", taxRate: 8.75, amount: 3703.5 },
      ],
      subtotal: 3968.38,
      discount: 10,
      shipping: 25,
      shippingTax: 0,
      tax: 342.45,
      credit: 0,
      total: 4300.83,
    })
  })

  it("sends a unit price finer than the currency and a tax rate exactly (| decimal)", () => {
    const order = sampleOrder()
    order.lines[0] = { ...order.lines[0]!, unit_price: "10.125" }
    const text = stringifyJson(
      applyMapping(
        compileMapping({
          "lines[].price": "$.lines[].unit_price | decimal",
          "lines[].rate": "$.lines[].tax_rate | decimal",
        }),
        order
      )
    )
    expect(text).toBe('{"lines":[{"price":10.125,"rate":8},{"price":1234.5,"rate":8.75}]}')
    expect(() => applyMapping(compileMapping({ x: "$.id | decimal" }), order)).toThrow(ErpConfigError)
  })
})
