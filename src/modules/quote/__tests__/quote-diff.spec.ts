import fc from "fast-check"
import { diffVersions, type DiffableVersion } from "../lib/quote-diff"
import type { QuoteDiff, QuoteLine, QuoteShipping } from "../models/quote-version"
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"

type DiffLine = QuoteDiff["lines"][number]

const line = (
  variant_id: string,
  quantity: number,
  unit_price_minor: string,
  title = `Item ${variant_id}`
): QuoteLine => ({
  variant_id,
  sku: `SKU-${variant_id}`,
  title,
  quantity,
  contract_unit_price_minor: unit_price_minor,
  unit_price_minor,
  subtotal_minor: (BigInt(unit_price_minor) * BigInt(quantity)).toString(),
  explanation: null,
})

const version = (number: number, lines: QuoteLine[], terms: Partial<DiffableVersion> = {}): DiffableVersion => ({
  number,
  lines,
  discount_minor: 0,
  shipping: null,
  payment_terms: "net_30",
  expires_at: null,
  ...terms,
})

const ground: QuoteShipping = { shipping_option_id: "so_ground", name: "Ground", amount_minor: "1500" }

describe("diffVersions", () => {
  it("v1 → v2: a price cut, a quantity up, one line added, one removed, a discount and net 45", () => {
    const v1 = version(1, [line("var_bolt", 100, "250"), line("var_nut", 200, "40"), line("var_washer", 500, "5")], {
      discount_minor: 0,
      shipping: ground,
      payment_terms: "net_30",
      expires_at: "2026-12-31T00:00:00.000Z",
    })
    const v2 = version(2, [line("var_bolt", 100, "225"), line("var_nut", 300, "40"), line("var_screw", 50, "120")], {
      discount_minor: "1000",
      shipping: { ...ground },
      payment_terms: "net_45",
      expires_at: new Date("2026-12-31T00:00:00.000Z"),
    })
    expect(diffVersions(v1, v2)).toEqual({
      from_version: 1,
      lines: [
        {
          change: "changed",
          variant_id: "var_bolt",
          title: "Item var_bolt",
          unit_price_minor: { from: "250", to: "225" },
        },
        { change: "changed", variant_id: "var_nut", title: "Item var_nut", quantity: { from: 200, to: 300 } },
        { change: "added", variant_id: "var_screw", title: "Item var_screw", quantity: 50, unit_price_minor: "120" },
        { change: "removed", variant_id: "var_washer", title: "Item var_washer", quantity: 500, unit_price_minor: "5" },
      ],
      terms: [
        { field: "discount_minor", from: "0", to: "1000" },
        { field: "payment_terms", from: "net_30", to: "net_45" },
      ],
    })
  })

  it("a line changed in both quantity and price lists both; one changed in neither is left out", () => {
    const diff = diffVersions(
      version(3, [line("a", 1, "100"), line("b", 2, "200", "Old title")]),
      version(4, [line("a", 5, "90"), line("b", 2, "200", "New title")])
    )
    expect(diff.from_version).toBe(3)
    expect(diff.lines).toEqual([
      {
        change: "changed",
        variant_id: "a",
        title: "Item a",
        quantity: { from: 1, to: 5 },
        unit_price_minor: { from: "100", to: "90" },
      },
    ])
    expect(diff.terms).toEqual([])
  })

  it("terms: shipping added, changed and removed; expiry moved and cleared", () => {
    const express: QuoteShipping = { shipping_option_id: "so_express", name: "Express", amount_minor: "4000" }
    expect(diffVersions(version(1, []), version(2, [], { shipping: ground })).terms).toEqual([
      { field: "shipping", from: null, to: ground },
    ])
    expect(diffVersions(version(1, [], { shipping: ground }), version(2, [], { shipping: express })).terms).toEqual([
      { field: "shipping", from: ground, to: express },
    ])
    expect(diffVersions(version(1, [], { shipping: express }), version(2, [], { shipping: null })).terms).toEqual([
      { field: "shipping", from: express, to: null },
    ])
    expect(
      diffVersions(
        version(1, [], { expires_at: new Date("2026-12-31T00:00:00Z") }),
        version(2, [], { expires_at: "2027-01-15T12:00:00.000Z" })
      ).terms
    ).toEqual([{ field: "expires_at", from: "2026-12-31T00:00:00.000Z", to: "2027-01-15T12:00:00.000Z" }])
    expect(
      diffVersions(version(1, [], { expires_at: "2026-12-31T00:00:00.000Z" }), version(2, [], { expires_at: null }))
        .terms
    ).toEqual([{ field: "expires_at", from: "2026-12-31T00:00:00.000Z", to: null }])
  })

  it("terms: equal amounts and instants in other spellings are not changes", () => {
    const diff = diffVersions(
      version(1, [], { discount_minor: 1000, expires_at: "2026-12-31T02:00:00+02:00" }),
      version(2, [], { discount_minor: "1000", expires_at: new Date("2026-12-31T00:00:00.000Z") })
    )
    expect(diff.terms).toEqual([])
    // A discount of 0 and none at all are the same.
    expect(
      diffVersions(version(1, [], { discount_minor: null }), version(2, [], { discount_minor: 0n })).terms
    ).toEqual([])
  })

  // quote_version.shipping is jsonb: Postgres hands its keys back in its own
  // order (shorter keys first), while a revision builds them in code order.
  it("shipping read back from jsonb (keys reordered) equals the same shipping built in code", () => {
    const fromDatabase = { name: "Ground", amount_minor: "1500", shipping_option_id: "so_ground" }
    expect(
      diffVersions(version(1, [], { shipping: fromDatabase }), version(2, [], { shipping: ground })).terms
    ).toEqual([])
  })

  // ---------------------------------------------------------------- properties

  const VARIANTS = ["v_a", "v_b", "v_c", "v_d", "v_e", "v_f", "v_g", "v_h"]
  const PRICES = ["0", "5", "100", "1999", "9007199254740993", "1000000000000000"]
  const TERMS = ["net_15", "net_30", "net_45", "net_60", "due_on_receipt"]
  const INSTANTS = ["2026-06-30T00:00:00.000Z", "2026-12-31T23:59:59.999Z", "2027-03-01T12:00:00.000Z"]

  const lineArb = fc
    .record({
      variant_id: fc.constantFrom(...VARIANTS),
      quantity: fc.integer({ min: 1, max: 4 }),
      price: fc.constantFrom(...PRICES),
      title: fc.constantFrom("Bolt", "Nut", "Washer"),
    })
    .map(({ variant_id, quantity, price, title }) => line(variant_id, quantity, price, title))
  const linesArb = fc.uniqueArray(lineArb, { selector: (l) => l.variant_id, maxLength: VARIANTS.length })

  const shippingArb: fc.Arbitrary<QuoteShipping | null> = fc.option(
    fc.record({
      shipping_option_id: fc.constantFrom("so_ground", "so_express"),
      name: fc.constantFrom("Ground", "Express"),
      amount_minor: fc.constantFrom("0", "1500", "4000"),
    }),
    { nil: null }
  )
  /** An amount and one of its spellings (number, string or bigint). */
  const discountArb = fc
    .tuple(fc.constantFrom(0n, 500n, 1000n, 9007199254740993n), fc.constantFrom("number", "string", "bigint"))
    .map(([amount, spelling]) => ({
      amount,
      value:
        spelling === "bigint"
          ? amount
          : spelling === "string" || amount > BigInt(Number.MAX_SAFE_INTEGER)
            ? amount.toString()
            : Number(amount),
    }))
  /** An instant (or none) and one of its spellings (Date or ISO string). */
  const expiryArb = fc
    .tuple(fc.option(fc.constantFrom(...INSTANTS), { nil: null }), fc.boolean())
    .map(([instant, asDate]) => ({ instant, value: instant && asDate ? new Date(instant) : instant }))

  const versionArb = fc
    .record({
      number: fc.integer({ min: 1, max: 50 }),
      lines: linesArb,
      discount: discountArb,
      shipping: shippingArb,
      payment_terms: fc.constantFrom(...TERMS),
      expiry: expiryArb,
    })
    .map((v) => ({
      version: version(v.number, v.lines, {
        discount_minor: v.discount.value,
        shipping: v.shipping,
        payment_terms: v.payment_terms,
        expires_at: v.expiry.value,
      }),
      discount: v.discount.amount,
      instant: v.expiry.instant,
    }))

  /** The same version with every term spelled differently (discount as string, expiry as Date ↔ string, copies). */
  const respelled = (v: DiffableVersion): DiffableVersion => ({
    number: v.number,
    lines: v.lines.map((l) => ({ ...l })),
    discount_minor: String(v.discount_minor),
    shipping: v.shipping && { ...v.shipping },
    payment_terms: v.payment_terms,
    expires_at:
      v.expires_at === null ? null : v.expires_at instanceof Date ? v.expires_at.toISOString() : new Date(v.expires_at),
  })

  const settings = (runs: number) => ({ numRuns: propertyRuns(runs), seed: 20261211 })

  it("property: a version diffed with itself (or a respelling of itself) has no lines and no terms", () => {
    fc.assert(
      fc.property(versionArb, ({ version: v }) => {
        for (const other of [v, respelled(v)]) {
          expect(diffVersions(v, other)).toEqual({ from_version: v.number, lines: [], terms: [] })
        }
      }),
      settings(200)
    )
  })

  it("property: each line is added, removed or changed exactly as the two versions differ, in next's order then removed", () => {
    fc.assert(
      fc.property(versionArb, versionArb, ({ version: previous }, { version: next }) => {
        const diff = diffVersions(previous, next)
        expect(diff.from_version).toBe(previous.number)

        const prevBy = new Map(previous.lines.map((l) => [l.variant_id, l]))
        const nextBy = new Map(next.lines.map((l) => [l.variant_id, l]))
        const entries = (variant: string) => diff.lines.filter((d) => d.variant_id === variant)

        // No variant appears twice, and every entry is for a variant of either version.
        const listed = diff.lines.map((d) => d.variant_id)
        expect(new Set(listed).size).toBe(listed.length)
        for (const v of listed) expect(prevBy.has(v) || nextBy.has(v)).toBe(true)

        for (const l of next.lines) {
          const old = prevBy.get(l.variant_id)
          const found = entries(l.variant_id)
          if (!old) {
            expect(found).toEqual([
              {
                change: "added",
                variant_id: l.variant_id,
                title: l.title,
                quantity: l.quantity,
                unit_price_minor: l.unit_price_minor,
              },
            ])
            continue
          }
          const expected: DiffLine = { change: "changed", variant_id: l.variant_id, title: l.title }
          if (old.quantity !== l.quantity) expected.quantity = { from: old.quantity, to: l.quantity }
          if (old.unit_price_minor !== l.unit_price_minor) {
            expected.unit_price_minor = { from: old.unit_price_minor, to: l.unit_price_minor }
          }
          const changed = old.quantity !== l.quantity || old.unit_price_minor !== l.unit_price_minor
          // toStrictEqual: an unchanged field is absent, not present as undefined.
          expect(found).toStrictEqual(changed ? [expected] : [])
        }
        for (const old of previous.lines) {
          if (nextBy.has(old.variant_id)) continue
          expect(entries(old.variant_id)).toEqual([
            {
              change: "removed",
              variant_id: old.variant_id,
              title: old.title,
              quantity: old.quantity,
              unit_price_minor: old.unit_price_minor,
            },
          ])
        }

        // Order: next's lines first (in next's order), then the removed ones (in previous's order).
        const expectedOrder = [
          ...next.lines.map((l) => l.variant_id).filter((v) => listed.includes(v)),
          ...previous.lines.map((l) => l.variant_id).filter((v) => !nextBy.has(v)),
        ]
        expect(listed).toEqual(expectedOrder)
        const firstRemoved = diff.lines.findIndex((d) => d.change === "removed")
        if (firstRemoved >= 0) expect(diff.lines.slice(firstRemoved).every((d) => d.change === "removed")).toBe(true)
      }),
      settings(400)
    )
  })

  it("property: terms list exactly the discount, shipping, payment terms and expiry that changed, with from/to", () => {
    fc.assert(
      fc.property(versionArb, versionArb, (prev, next) => {
        const terms = diffVersions(prev.version, next.version).terms
        const fields = terms.map((t) => t.field)
        expect(new Set(fields).size).toBe(fields.length)
        const term = (field: string) => terms.find((t) => t.field === field)

        // Discount: compared as an integer amount, whatever its spelling.
        if (prev.discount === next.discount) expect(term("discount_minor")).toBeUndefined()
        else
          expect(term("discount_minor")).toEqual({
            field: "discount_minor",
            from: `${prev.discount}`,
            to: `${next.discount}`,
          })

        const ps = prev.version.shipping
        const ns = next.version.shipping
        const sameShipping =
          ps === ns ||
          (ps !== null &&
            ns !== null &&
            ps.shipping_option_id === ns.shipping_option_id &&
            ps.name === ns.name &&
            ps.amount_minor === ns.amount_minor)
        if (sameShipping) expect(term("shipping")).toBeUndefined()
        else expect(term("shipping")).toEqual({ field: "shipping", from: ps, to: ns })

        const pt = prev.version.payment_terms
        const nt = next.version.payment_terms
        if (pt === nt) expect(term("payment_terms")).toBeUndefined()
        else expect(term("payment_terms")).toEqual({ field: "payment_terms", from: pt, to: nt })

        // Expiry: compared as instants (a Date and its ISO string are the same), reported as ISO strings.
        const pi = prev.instant === null ? null : Date.parse(prev.instant)
        const ni = next.instant === null ? null : Date.parse(next.instant)
        if (pi === ni) expect(term("expires_at")).toBeUndefined()
        else expect(term("expires_at")).toEqual({ field: "expires_at", from: prev.instant, to: next.instant })

        expect(fields.every((f) => ["discount_minor", "shipping", "payment_terms", "expires_at"].includes(f))).toBe(
          true
        )
      }),
      settings(400)
    )
  })
})
