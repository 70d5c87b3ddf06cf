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
    expect(applyMapping(mapping, sampleOrder({ currency_code: "KWD", total_minor: "4300" }))).toEqual({ total: "4.300" })
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

  it("compiles the default order mapping", () => {
    const out = applyMapping(compileMapping(DEFAULT_ORDER_MAPPING), sampleOrder())
    expect(JSON.parse(stringifyJson(out))).toMatchObject({
      externalId: sampleOrder().id,
      poNumber: "PO-77812",
      billTo: { line1: "500 Industrial Way", country: "US" },
      lines: [{ lineId: "ordli_01", itemNo: "WR-1001", unitPrice: 19.99, discount: 10, tax: 18.39, total: 248.27 }, { itemNo: "DR-2002" }],
      shipping: 25,
      total: 4300.83,
    })
  })
})
