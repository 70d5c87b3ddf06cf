import fc from "fast-check"
import { QuoteAmountError, quoteTotals, withSubtotal, type QuoteLineInput } from "../lib/quote-totals"
import type { QuoteLine } from "../models/quote-version"
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"

const MAX_PRICE = 10n ** 15n
const MAX_QUANTITY = 1_000_000

const input = (variant: string, quantity: number, unit_price_minor: string): QuoteLineInput => ({
  variant_id: variant,
  sku: `SKU-${variant}`,
  title: `Item ${variant}`,
  quantity,
  contract_unit_price_minor: unit_price_minor,
  unit_price_minor,
  explanation: null,
})

/** What `fn` threw (fails the test when it returned). */
function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error("expected a throw")
}

function expectAmountError(fn: () => unknown, field: string) {
  const e = thrown(fn)
  expect(e).toBeInstanceOf(QuoteAmountError)
  expect(e).toBeInstanceOf(Error)
  expect((e as QuoteAmountError).field).toBe(field)
  expect((e as QuoteAmountError).message.startsWith(`${field}: `)).toBe(true)
  return e as QuoteAmountError
}

const lineInputArb: fc.Arbitrary<QuoteLineInput> = fc
  .record({
    variant: fc.stringMatching(/^[a-z0-9]{1,8}$/),
    quantity: fc.integer({ min: 1, max: MAX_QUANTITY }),
    price: fc.bigInt({ min: 0n, max: MAX_PRICE }),
  })
  .map(({ variant, quantity, price }) => input(variant, quantity, price.toString()))

/**
 * The expected subtotal, computed apart from the module: each product as the
 * sum of the price's decimal digits times their place value times the quantity
 * (schoolbook multiplication), summed over the lines.
 */
function expectedSubtotal(lines: QuoteLineInput[]): bigint {
  let sum = 0n
  for (const line of lines) {
    const digits = line.unit_price_minor.split("").reverse()
    const quantity = BigInt(line.quantity)
    digits.forEach((digit, place) => {
      sum += BigInt(digit) * 10n ** BigInt(place) * quantity
    })
  }
  return sum
}

describe("withSubtotal", () => {
  it("is quantity × unit price: 3 × 19.99 = 59.97 and 2 × 5.00 = 10.00", () => {
    expect(withSubtotal(input("a", 3, "1999")).subtotal_minor).toBe("5997")
    expect(withSubtotal(input("b", 2, "500")).subtotal_minor).toBe("1000")
    expect(withSubtotal(input("c", 7, "0")).subtotal_minor).toBe("0")
  })

  it("is exact beyond 2^53: 10^15 × 10^6 = 10^21 and 999 999 999 999 999 × 999 999", () => {
    expect(withSubtotal(input("a", MAX_QUANTITY, MAX_PRICE.toString())).subtotal_minor).toBe("1000000000000000000000")
    expect(withSubtotal(input("b", 999_999, "999999999999999")).subtotal_minor).toBe("999998999999999000001")
    // A float would have rounded this one.
    expect(withSubtotal(input("c", 3, "3002399751580331")).subtotal_minor).toBe("9007199254740993")
  })

  it("keeps every other field of the line and does not change its input", () => {
    const line = input("a", 4, "250")
    const copy = { ...line }
    expect(withSubtotal(line)).toEqual({ ...copy, subtotal_minor: "1000" })
    expect(line).toEqual(copy)
  })

  it("property: subtotal is the exact product, written as a plain decimal integer", () => {
    fc.assert(
      fc.property(lineInputArb, (line) => {
        const { subtotal_minor, ...rest } = withSubtotal(line)
        expect(rest).toEqual(line)
        expect(subtotal_minor).toMatch(/^(0|[1-9][0-9]*)$/)
        expect(BigInt(subtotal_minor)).toBe(expectedSubtotal([line]))
        // And back: dividing by the quantity gives the unit price with no remainder.
        expect(BigInt(subtotal_minor) / BigInt(line.quantity)).toBe(BigInt(line.unit_price_minor))
        expect(BigInt(subtotal_minor) % BigInt(line.quantity)).toBe(0n)
      }),
      { numRuns: propertyRuns(300), seed: 20261211 }
    )
  })
})

describe("quoteTotals", () => {
  const example = [withSubtotal(input("a", 3, "1999")), withSubtotal(input("b", 2, "500"))]

  it("3 × 19.99 + 2 × 5.00 = 69.97; less 9.97 discount plus 12.50 shipping = 72.50", () => {
    expect(quoteTotals(example, 0n, 0n)).toEqual({
      subtotal_minor: 6997n,
      discount_minor: 0n,
      shipping_minor: 0n,
      total_minor: 6997n,
    })
    expect(quoteTotals(example, 997n, 1250n)).toEqual({
      subtotal_minor: 6997n,
      discount_minor: 997n,
      shipping_minor: 1250n,
      total_minor: 7250n,
    })
  })

  it("a discount of the whole subtotal leaves only shipping; one minor unit more is refused", () => {
    expect(quoteTotals(example, 6997n, 500n).total_minor).toBe(500n)
    const e = expectAmountError(() => quoteTotals(example, 6998n, 500n), "discount_minor")
    expect(e.message).toContain("6998")
    expect(e.message).toContain("6997")
  })

  it("no lines: subtotal 0, shipping alone is the total, and any discount is refused", () => {
    expect(quoteTotals([], 0n, 1500n)).toEqual({
      subtotal_minor: 0n,
      discount_minor: 0n,
      shipping_minor: 1500n,
      total_minor: 1500n,
    })
    expectAmountError(() => quoteTotals([], 1n, 0n), "discount_minor")
  })

  it("a negative discount or shipping is refused, naming the field", () => {
    expectAmountError(() => quoteTotals(example, -1n, 0n), "discount_minor")
    expectAmountError(() => quoteTotals(example, 0n, -1n), "shipping.amount_minor")
  })

  it("sums the lines' stored subtotals", () => {
    const lines: QuoteLine[] = [
      { ...input("a", 1, "1"), subtotal_minor: "123456789012345678901" },
      { ...input("b", 1, "1"), subtotal_minor: "98765432109876543210" },
    ]
    expect(quoteTotals(lines, 0n, 0n).subtotal_minor).toBe(222222221122222222111n)
  })

  const linesArb = fc.array(lineInputArb, { maxLength: 12 })

  it("property: subtotal is Σ quantity × unit price, exactly; total = subtotal − discount + shipping", () => {
    fc.assert(
      fc.property(
        linesArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.bigInt({ min: 0n, max: MAX_PRICE }),
        (inputs, share, shipping) => {
          const subtotal = expectedSubtotal(inputs)
          // A discount anywhere from 0 to the whole subtotal (both ends included).
          const discount = share >= 1 ? subtotal : (subtotal * BigInt(Math.floor(share * 1_000_000))) / 1_000_000n
          const totals = quoteTotals(inputs.map(withSubtotal), discount, shipping)
          expect(totals.subtotal_minor).toBe(subtotal)
          expect(totals.discount_minor).toBe(discount)
          expect(totals.shipping_minor).toBe(shipping)
          expect(totals.total_minor).toBe(subtotal - discount + shipping)
          expect(totals.total_minor >= shipping).toBe(true)
        }
      ),
      { numRuns: propertyRuns(300), seed: 20261211 }
    )
  })

  it("property: a discount above the subtotal throws QuoteAmountError on discount_minor", () => {
    fc.assert(
      fc.property(linesArb, fc.bigInt({ min: 1n, max: MAX_PRICE }), (inputs, excess) => {
        const subtotal = expectedSubtotal(inputs)
        expectAmountError(() => quoteTotals(inputs.map(withSubtotal), subtotal + excess, 0n), "discount_minor")
      }),
      { numRuns: propertyRuns(200), seed: 20261211 }
    )
  })

  it("property: a negative discount or shipping throws naming that field", () => {
    fc.assert(
      fc.property(
        linesArb,
        fc.bigInt({ min: -MAX_PRICE, max: -1n }),
        fc.bigInt({ min: 0n, max: MAX_PRICE }),
        (inputs, negative, other) => {
          const lines = inputs.map(withSubtotal)
          expectAmountError(() => quoteTotals(lines, negative, other), "discount_minor")
          expectAmountError(() => quoteTotals(lines, 0n, negative), "shipping.amount_minor")
        }
      ),
      { numRuns: propertyRuns(200), seed: 20261211 }
    )
  })
})
