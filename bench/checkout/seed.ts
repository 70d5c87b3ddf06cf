/**
 * `medusa exec ./bench/checkout/seed.ts` (run by bench/checkout/index.ts on
 * its own database): the merchant and the two buyers of bench:checkout, made
 * with the same seed helpers and workflows as the demo and the HTTP tests.
 *
 * - 50 published products of one variant each, 1,000,000 units in stock, in
 *   one region (US, 8.25 % tax) where both the net-terms provider and
 *   Medusa's `pp_system_default` are enabled, and one flat shipping option;
 * - backy's buyer: a `buyer` employee of a company whose active USD contract
 *   prices every one of the 50 variants (fixed prices on 15, volume tiers on
 *   15, a 5 % catalogue discount on the rest) with a credit limit no run
 *   reaches, and one approval rule that never triggers (order total above
 *   1,000,000,000 USD), so the checkout evaluates it;
 * - Medusa's buyer: a customer of no company.
 *
 * Writes the ids the bench needs to BENCH_CHECKOUT_SEED_OUT.
 */
import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createCustomerAccountWorkflow, updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { seedCommerce, type DemoProductSpec } from "../../src/scripts/seed/seed-commerce"
import { seedCompanyWithContract, type ContractRuleSeed } from "../../src/scripts/seed/seed-company"
import { seedBuyer } from "../../src/scripts/seed/seed-buyer"
import { B2B_MODULE } from "../../src/modules/b2b"
import type B2bModuleService from "../../src/modules/b2b/service"
import { NET_TERMS_PROVIDER_ID } from "../../src/modules/providers/net-terms/constants"
import { BENCH_BUYERS, CURRENCY, LINES, type CheckoutSeed } from "./scenario"

const PRODUCTS: DemoProductSpec[] = Array.from({ length: LINES }, (_, i) => {
  const n = String(i + 1).padStart(2, "0")
  // 4.15 … 53.15 USD: different prices, so a wrong line shows in the totals.
  return { title: `Bench part ${n}`, handle: `bench-part-${n}`, sku: `BENCH-${n}`, price: 4.15 + i }
})

/** Far above any bench cart (a few thousand USD): the rule is evaluated on every checkout and never asks. */
const APPROVAL_THRESHOLD_MINOR = 100_000_000_000

/** Far above what all the bench's orders reserve together (each one stays on the credit until it is paid). */
const CREDIT_LIMIT_MINOR = 1_000_000_000_000

export default async function seedCheckoutBench({ container }: ExecArgs) {
  const commerce = await seedCommerce(container, { products: PRODUCTS, shippingPrice: 25 })
  // Medusa's own provider beside net terms, in the same region: the baseline buyer pays with it.
  await updateRegionsWorkflow(container).run({
    input: {
      selector: { id: commerce.region_id },
      update: { payment_providers: [NET_TERMS_PROVIDER_ID, "pp_system_default"] },
    },
  })

  const minor = (major: number) => Math.round(major * 100)
  const rules: ContractRuleSeed[] = [
    ...commerce.variants
      .slice(0, 15)
      .map(
        (v): ContractRuleSeed => ({ type: "fixed_price", variant_id: v.id, unit_price_minor: minor(v.price * 0.8) })
      ),
    ...commerce.variants.slice(15, 30).map(
      (v): ContractRuleSeed => ({
        type: "tiered_price",
        variant_id: v.id,
        tier_mode: "volume",
        tiers: [
          { min_quantity: 1, unit_price_minor: minor(v.price * 0.95) },
          { min_quantity: 5, unit_price_minor: minor(v.price * 0.85) },
        ],
      })
    ),
    { type: "discount", scope: "catalogue", discount_kind: "percentage", percentage: "5" },
  ]
  const { company_id, contract_id } = await seedCompanyWithContract(container, {
    name: "Bench Industrial",
    currency_code: CURRENCY,
    payment_terms: "net_30",
    credit_limit_minor: CREDIT_LIMIT_MINOR,
    rules,
  })
  const buyer = await seedBuyer(container, { ...BENCH_BUYERS.backy, company_id, role: "buyer" })

  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const [rule] = await b2b.createApprovalRules([
    {
      company_id,
      condition: "order_total_above",
      currency_code: CURRENCY,
      amount_minor: APPROVAL_THRESHOLD_MINOR,
      approver: "company_admin",
    },
  ])

  // Medusa's buyer: a storefront account (register + create customer) and nothing else.
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { ...BENCH_BUYERS.medusa } })
  if (error || !authIdentity) throw new Error(`Could not register ${BENCH_BUYERS.medusa.email}: ${error}`)
  const { result: plain } = await createCustomerAccountWorkflow(container).run({
    input: {
      authIdentityId: authIdentity.id,
      customerData: { email: BENCH_BUYERS.medusa.email, first_name: "Pat", last_name: "Retail" },
    },
  })

  const out: CheckoutSeed = {
    region_id: commerce.region_id,
    publishable_key: commerce.publishable_key,
    shipping_option_id: commerce.shipping_option_id,
    variants: commerce.variants.map((v) => ({ id: v.id, sku: v.sku, price: v.price })),
    company_id,
    contract_id,
    approval_rule_id: rule.id,
    backy_customer_id: buyer.customer_id,
    medusa_customer_id: plain.id,
  }
  writeFileSync(process.env.BENCH_CHECKOUT_SEED_OUT!, JSON.stringify(out, null, 2))
}
