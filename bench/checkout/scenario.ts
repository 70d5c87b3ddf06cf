/** What bench:checkout's seed (seed.ts, run inside Medusa) and its driver (index.ts) share. */

export const CURRENCY = "usd"

/** Distinct variants in every checkout's cart, one add-to-cart request each. */
export const LINES = 50

/** Line i's quantity: 1 … 8, so some tiered lines reach their volume tier (5+). */
export const lineQuantity = (i: number): number => 1 + (i % 8)

export const BENCH_BUYERS = {
  /** A `buyer` employee of the company with the contract (net terms). */
  backy: { email: "buyer@bench-industrial.example", password: "bench-password-123" },
  /** A customer of no company (Medusa's system payment provider). */
  medusa: { email: "retail@bench-plain.example", password: "bench-password-123" },
} as const

export type CheckoutSeed = {
  region_id: string
  publishable_key: string
  shipping_option_id: string
  variants: { id: string; sku: string; price: number }[]
  company_id: string
  contract_id: string | null
  approval_rule_id: string | null
  backy_customer_id: string
  medusa_customer_id: string
}
