import { sameJson } from "../same-json"

describe("sameJson", () => {
  it("ignores key order, as jsonb reorders keys", () => {
    const built = { contract_id: "ctr_1", price_explanation: "fixed 10.00", medusa_unit_price: "12.50" }
    const readBack = { contract_id: "ctr_1", medusa_unit_price: "12.50", price_explanation: "fixed 10.00" }
    expect(JSON.stringify(built)).not.toBe(JSON.stringify(readBack))
    expect(sameJson(built, readBack)).toBe(true)
    expect(sameJson({ a: { x: 1, y: [1, { p: 1, q: 2 }] } }, { a: { y: [1, { q: 2, p: 1 }], x: 1 } })).toBe(true)
  })

  it("sees every real difference: a value, a missing or extra key, array order, types", () => {
    expect(sameJson({ a: "1" }, { a: 1 })).toBe(false)
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson({}, [])).toBe(false)
    expect(sameJson(null, {})).toBe(false)
    expect(sameJson({ a: undefined }, {})).toBe(true) // JSON has no undefined
  })
})
