/**
 * `BENCH_PROFILE=1 npm run bench:checkout` runs this after the rounds, as
 * `medusa exec ./bench/checkout/profile-hooks.ts` on the bench's database
 * (the hub idle meanwhile): backy's per-request hook work timed in process,
 * on the run's last 50-line carts, to tell what the HTTP difference between
 * the two sides is made of. p50 of BENCH_PROFILE_RUNS (default 30) calls
 * each, after 3 unmeasured ones.
 *
 * - the permission check of every cart request (an employee lookup), for
 *   backy's buyer and for the customer of no company;
 * - the contract pricing hook Medusa's cart refresh runs on every add-to-cart
 *   (applyContractPricesToCart), whole, and two of its parts: who is buying
 *   (employee, company, active contract with its rules) and Medusa's own
 *   price of the cart's 50 variants (the base of the contract's discounts);
 *   for the customer of no company, the same hook's early exit;
 * - what that hook hands the cart module to update when nothing changed
 *   (lines per call, and the mean time of those calls).
 *
 * Reads BENCH_CHECKOUT_PROFILE_IN, writes BENCH_CHECKOUT_PROFILE_OUT (JSON).
 */
import { readFileSync, writeFileSync } from "node:fs"
import { performance } from "node:perf_hooks"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { applyContractPricesToCart } from "../../src/workflows/b2b/utils/apply-contract-prices"
import { resolveBuyerContext, resolveEmployee } from "../../src/workflows/b2b/utils/contract-for-customer"
import { loadVariantPricingFacts } from "../../src/workflows/b2b/utils/variant-pricing-facts"
import { median } from "../lib/rounds"
import { CURRENCY } from "./scenario"

export type ProfileInput = {
  region_id: string
  variant_ids: string[]
  backy: { customer_id: string; cart_id: string }
  medusa: { customer_id: string; cart_id: string }
}

export type ProfileRow = { label: string; p50_ms: number }
export type ProfileOutput = { rows: ProfileRow[]; rewritten: number }

const RUNS = Number(process.env.BENCH_PROFILE_RUNS ?? 30)

export default async function profileHooks({ container }: ExecArgs) {
  const input = JSON.parse(readFileSync(process.env.BENCH_CHECKOUT_PROFILE_IN!, "utf8")) as ProfileInput
  const rows: ProfileRow[] = []
  const time = async (label: string, fn: () => Promise<unknown>) => {
    const ms: number[] = []
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now()
      await fn()
      if (i >= 3) ms.push(performance.now() - t0)
    }
    rows.push({ label, p50_ms: Number(median(ms).toFixed(2)) })
  }
  const { backy, medusa } = input
  await time("permission check (employee lookup), backy's buyer", () => resolveEmployee(container, backy.customer_id))
  await time("permission check (employee lookup), no company", () => resolveEmployee(container, medusa.customer_id))
  await time("contract pricing hook, 50 lines, backy's cart", () => applyContractPricesToCart(container, backy.cart_id))
  await time("  of which: buyer, company, contract + rules", () =>
    resolveBuyerContext(container, backy.customer_id, CURRENCY)
  )
  await time("  of which: Medusa's price of the 50 variants", () =>
    loadVariantPricingFacts(container, input.variant_ids, {
      currency_code: CURRENCY,
      region_id: input.region_id,
      customer_id: backy.customer_id,
    })
  )
  await time("contract pricing hook, no company (early exit)", () =>
    applyContractPricesToCart(container, medusa.cart_id)
  )
  // What the hook writes on an unchanged cart: the cart module's update calls, counted and timed
  // through this process's own instance of the module (the one the hook resolves).
  const cartModule = container.resolve(Modules.CART)
  const writes = { lines: 0, ms: 0 }
  const updateLineItems = cartModule.updateLineItems.bind(cartModule)
  cartModule.updateLineItems = (async (...args: unknown[]) => {
    const t0 = performance.now()
    writes.lines += Array.isArray(args[0]) ? args[0].length : 1
    try {
      return await (updateLineItems as (...a: unknown[]) => Promise<unknown>)(...args)
    } finally {
      writes.ms += performance.now() - t0
    }
  }) as typeof cartModule.updateLineItems
  for (let i = 0; i < RUNS; i++) await applyContractPricesToCart(container, backy.cart_id)
  const rewritten = writes.lines / RUNS
  // Listed with the hook's other parts (before the early exit).
  rows.splice(5, 0, {
    label: `  of which: updateLineItems (${rewritten} lines/call)`,
    p50_ms: Number((writes.ms / RUNS).toFixed(2)),
  })
  writeFileSync(process.env.BENCH_CHECKOUT_PROFILE_OUT!, JSON.stringify({ rows, rewritten }))
}
