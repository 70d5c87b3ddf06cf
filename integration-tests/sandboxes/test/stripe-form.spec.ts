import { divideToDecimal, formatDecimal, multiplyToMinor, parseDecimal, type Decimal } from "../stripe/decimal"
import { ApiError } from "../stripe/errors"
import { parseForm } from "../stripe/form"
import { fingerprint } from "../stripe/idempotency"

const dec = (s: string): Decimal => {
  const d = parseDecimal(s)
  if (!d) throw new Error(`bad decimal ${s}`)
  return d
}

describe("Stripe sandbox — bracket-notation form parser", () => {
  it("builds nested objects and indexed arrays the way stripe-node encodes them", () => {
    const body =
      "lines[0][price_data][currency]=usd&lines[0][price_data][product_data][name]=SKU%201&lines[0][quantity]=2" +
      "&lines[1][amount]=-500&lines[1][description]=Discount+10%25&metadata[order]=o_1&expand[0]=lines"
    expect(parseForm(body)).toEqual({
      lines: [
        { price_data: { currency: "usd", product_data: { name: "SKU 1" } }, quantity: "2" },
        { amount: "-500", description: "Discount 10%" },
      ],
      metadata: { order: "o_1" },
      expand: ["lines"],
    })
  })

  it("accepts encoded brackets, empty values, `[]` appends and sparse indexes", () => {
    expect(parseForm("custom_fields%5B0%5D%5Bname%5D=PO&metadata=&a[]=x&a[]=y&b[5]=five&b[2]=two")).toEqual({
      custom_fields: [{ name: "PO" }],
      metadata: "",
      a: ["x", "y"],
      b: ["two", "five"],
    })
    expect(parseForm("")).toEqual({})
  })

  it("rejects conflicting shapes and prototype keys with a 400", () => {
    for (const body of [
      "a=1&a[b]=2",
      "a[b]=2&a=1",
      "__proto__[x]=1",
      "a[constructor]=1",
      "a[b=1",
      "a[b]c=1",
      "%E0%A4%A=1",
    ]) {
      expect(() => parseForm(body)).toThrow(ApiError)
    }
  })

  it("fingerprints parameters independent of key order", () => {
    expect(fingerprint(parseForm("a=1&b[x]=2&b[y]=3"))).toBe(fingerprint(parseForm("b[y]=3&a=1&b[x]=2")))
    expect(fingerprint(parseForm("l[0]=a&l[1]=b"))).not.toBe(fingerprint(parseForm("l[0]=b&l[1]=a")))
  })
})

describe("Stripe sandbox — exact decimal money", () => {
  it("parses and formats decimals without floats", () => {
    expect(formatDecimal(dec("0012.3400"))).toBe("12.34")
    expect(formatDecimal(dec(".5"))).toBe("0.5")
    expect(formatDecimal(dec("-0.000000000001"))).toBe("-0.000000000001")
    expect(parseDecimal("1.0000000000001")).toBeNull() // 13 places: more than Stripe allows
    for (const bad of ["", ".", "1e3", "0x10", "1,5", "abc"]) expect(parseDecimal(bad)).toBeNull()
  })

  it("multiplies to whole minor units rounding half-up (away from zero)", () => {
    expect(multiplyToMinor(dec("3"), dec("1234.5"))).toBe(3704n)
    expect(multiplyToMinor(dec("1"), dec("0.5"))).toBe(1n)
    expect(multiplyToMinor(dec("1"), dec("0.499999999999"))).toBe(0n)
    expect(multiplyToMinor(dec("3"), dec("0.333333333333"))).toBe(1n)
    expect(multiplyToMinor(dec("1"), dec("-2.5"))).toBe(-3n)
    // 0.1 + 0.2 style float traps stay exact: 10 × 0.1 + 10 × 0.2 = 3 cents
    expect(multiplyToMinor(dec("10"), dec("0.1")) + multiplyToMinor(dec("10"), dec("0.2"))).toBe(3n)
    // large but exact: 999 999 units × 99 999.999999999999 cents
    expect(multiplyToMinor(dec("999999"), dec("99999.999999999999"))).toBe(99_999_900_000n)
  })

  it("derives a one-off line's unit price", () => {
    expect(formatDecimal(divideToDecimal(1000n, dec("3")))).toBe("333.333333333333")
    expect(formatDecimal(divideToDecimal(-500n, dec("1")))).toBe("-500")
    expect(formatDecimal(divideToDecimal(7n, dec("0")))).toBe("0")
  })
})
