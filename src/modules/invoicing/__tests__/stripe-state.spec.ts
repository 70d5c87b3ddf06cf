import type Stripe from "stripe"
import { compareWithStripe } from "../lib/stripe-state"
import { isForwardTransition } from "../lib/status"

const local = (over: Record<string, unknown> = {}) => ({
  status: "open",
  total_minor: 10_000,
  amount_due_minor: 10_000,
  amount_paid_minor: 0,
  credited_minor: 0,
  number: "SBX-0001",
  hosted_invoice_url: "https://pay/1",
  due_at: new Date(1_800_000_000 * 1000),
  ...over,
})

const remote = (over: Partial<Stripe.Invoice> = {}) =>
  ({
    id: "in_1",
    currency: "usd",
    status: "open",
    total: 10_000,
    amount_remaining: 10_000,
    amount_paid: 0,
    pre_payment_credit_notes_amount: 0,
    post_payment_credit_notes_amount: 0,
    number: "SBX-0001",
    hosted_invoice_url: "https://pay/1",
    due_date: 1_800_000_000,
    status_transitions: { paid_at: null, voided_at: null, finalized_at: 1, marked_uncollectible_at: null },
    ...over,
  }) as unknown as Stripe.Invoice

describe("isForwardTransition", () => {
  it.each([
    ["pending", "draft", true],
    ["draft", "open", true],
    ["open", "paid", true],
    ["open", "uncollectible", true],
    ["uncollectible", "paid", true],
    ["open", "void", true],
    ["paid", "open", false],
    ["void", "paid", false],
    ["paid", "void", false],
    ["open", "draft", false],
    ["open", "open", false],
  ] as const)("%s → %s: %s", (from, to, forward) => {
    expect(isForwardTransition(from, to)).toBe(forward)
  })
})

describe("compareWithStripe", () => {
  it("nothing to do when both agree", () => {
    expect(compareWithStripe(local(), remote())).toEqual({ patch: {}, transition: null, drift: [] })
  })

  it("applies a payment we missed: status, paid_at and money", () => {
    const r = compareWithStripe(
      local(),
      remote({
        status: "paid",
        amount_remaining: 0,
        amount_paid: 10_000,
        status_transitions: { paid_at: 1_790_000_000 } as any,
      })
    )
    expect(r.transition).toBe("paid")
    expect(r.patch).toEqual({
      status: "paid",
      amount_due_minor: 0,
      amount_paid_minor: 10_000,
      paid_at: new Date(1_790_000_000 * 1000),
    })
    expect(r.drift).toEqual([])
  })

  it("never moves backwards: Stripe behind us is drift, not a change", () => {
    const r = compareWithStripe(local({ status: "paid", amount_due_minor: 0, amount_paid_minor: 10_000 }), remote())
    expect(r.patch).toEqual({})
    expect(r.drift).toEqual(["status: ours is paid, Stripe's is open"])
  })

  it("reports a different total and still mirrors credits (what is owed comes from Stripe)", () => {
    const r = compareWithStripe(
      local(),
      remote({ total: 9_000, amount_remaining: 7_500, pre_payment_credit_notes_amount: 2_500 })
    )
    expect(r.drift).toEqual(["total: ours is 10000, Stripe's is 9000"])
    expect(r.patch).toEqual({ amount_due_minor: 7_500, credited_minor: 2_500 })
  })

  it("a voided invoice owes nothing", () => {
    const r = compareWithStripe(
      local(),
      remote({ status: "void", status_transitions: { voided_at: 1_790_000_000 } as any })
    )
    expect(r.patch).toMatchObject({ status: "void", amount_due_minor: 0, voided_at: new Date(1_790_000_000 * 1000) })
  })

  it("leaves money alone while Stripe's invoice is a draft (lines still being added)", () => {
    const r = compareWithStripe(
      local({ status: "pending" }),
      remote({ status: "draft", total: 100, amount_remaining: 100 })
    )
    expect(r).toEqual({ patch: { status: "draft" }, transition: "draft", drift: [] })
  })

  it("reads Stripe's amounts in Stripe's units: an ISK invoice of 500000 is 5,000 krónur in our record", () => {
    const r = compareWithStripe(
      local({ total_minor: 5000, amount_due_minor: 5000 }),
      remote({
        currency: "isk",
        total: 500_000,
        amount_remaining: 0,
        amount_paid: 500_000,
        status: "paid",
        status_transitions: { paid_at: 1_790_000_000 } as any,
      })
    )
    expect(r.drift).toEqual([])
    expect(r.patch).toMatchObject({ status: "paid", amount_due_minor: 0, amount_paid_minor: 5000 })
  })
})

describe("what a paid invoice settled", () => {
  it("counts a payment outside Stripe even where only amount_paid_off_stripe reports it", () => {
    const r = compareWithStripe(
      local(),
      remote({
        status: "paid",
        amount_due: 10_000,
        amount_remaining: 0,
        amount_paid: 0,
        amount_paid_off_stripe: 10_000,
        status_transitions: { paid_at: 1_790_000_000 } as any,
      } as any)
    )
    expect(r.patch).toMatchObject({ status: "paid", amount_paid_minor: 10_000 })
  })

  it("records the account credit Stripe applied at finalization (ending − starting balance), never a carried-in debit", () => {
    const credit = compareWithStripe(
      local(),
      remote({ amount_due: 7_000, starting_balance: -3_000, ending_balance: 0 } as any)
    )
    expect(credit.patch).toMatchObject({ credit_applied_minor: 3_000 })
    const leftover = compareWithStripe(
      local(),
      remote({ amount_due: 0, starting_balance: -15_000, ending_balance: -5_000 } as any)
    )
    expect(leftover.patch).toMatchObject({ credit_applied_minor: 10_000 })
    const debit = compareWithStripe(
      local(),
      remote({ amount_due: 10_500, starting_balance: 500, ending_balance: 0 } as any)
    )
    expect(debit.patch).not.toHaveProperty("credit_applied_minor")
  })
})
