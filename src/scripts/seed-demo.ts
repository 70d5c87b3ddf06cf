import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { seedCommerce } from "./seed/seed-commerce"
import { seedBuyer } from "./seed/seed-buyer"
import { seedCompanyWithContract } from "./seed/seed-company"
import { syncContractPriceListsWorkflow } from "../workflows/b2b/sync-contract-price-lists"
import { seedDemoIntegrations } from "./seed/seed-integrations"
import { seedErpFreightOption } from "./seed/seed-erp-freight"
import { seedAdminUser } from "./seed/seed-admin-user"
import { B2B_MODULE } from "../modules/b2b"
import type B2bModuleService from "../modules/b2b/service"
import { seedDemoPromotion } from "./seed/seed-promotion"
import { createApprovalRuleWorkflow } from "../workflows/b2b/create-approval-rule"

export const DEMO_BUYER = { email: "dana@acme.example", password: "demo-password-123" }
/** The company's admin: approves the buyer's order (the company's rule asks for it above 500.00 USD). */
export const DEMO_APPROVER = { email: "sam@acme.example", password: "demo-approver-123" }
/** Orders above this total (minor units, USD) wait for a company admin's approval. */
export const DEMO_APPROVAL_ABOVE_MINOR = 50_000
/** Merchant staff: creates the fulfillment in the admin API. */
export const DEMO_ADMIN = { email: "ops@backy.example", password: "demo-admin-123" }

/**
 * `medusa exec ./src/scripts/seed-demo.ts`: the demo merchant, once. Reruns
 * reuse what exists and only refresh the integration targets (the sandboxes'
 * ports change per run). Writes the ids the demo needs to DEMO_SEED_OUT.
 */
export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)

  const { data: regions } = await query.graph({ entity: "region", fields: ["id"], filters: { name: "B2B USD" } })
  let seeded: Record<string, unknown>
  if (regions.length === 0) {
    logger.info("Seeding the demo B2B merchant")
    const commerce = await seedCommerce(container)
    const [kit, gloves] = commerce.variants
    const { company_id, contract_id } = await seedCompanyWithContract(container, {
      name: "Acme Industrial",
      currency_code: "usd",
      payment_terms: "net_30",
      credit_limit_minor: 5_000_000,
      erp_account_number: "C-1001",
      rules: [
        { type: "fixed_price", variant_id: kit.id, unit_price_minor: 1000 },
        {
          type: "tiered_price",
          variant_id: gloves.id,
          tier_mode: "volume",
          tiers: [
            { min_quantity: 1, unit_price_minor: 400 },
            { min_quantity: 100, unit_price_minor: 350 },
          ],
        },
        { type: "discount", scope: "catalogue", discount_kind: "percentage", percentage: "5" },
      ],
    })
    await seedBuyer(container, { ...DEMO_BUYER, company_id, role: "buyer" })
    seeded = { ...commerce, company_id, contract_id }
  } else {
    const [company] = await b2b.listCompanies({ name: "Acme Industrial" })
    const { data: keys } = await query.graph({
      entity: "api_key",
      fields: ["token"],
      filters: { title: "B2B storefront" },
    })
    const skus = ["FAST-KIT-100", "GLOVE-L", "WRAP-500"]
    const { data: found } = await query.graph({
      entity: "variant",
      fields: ["id", "sku", "product_id"],
      filters: { sku: skus },
    })
    const rows = found as { id: string; sku: string | null; product_id: string }[]
    // Same order as the first run's seed (the demo picks variants by position).
    const variants = skus.map((sku) => rows.find((v) => v.sku === sku))
    const { data: channels } = await query.graph({
      entity: "sales_channel",
      fields: ["id"],
      filters: { name: "B2B Web" },
    })
    const { data: locations } = await query.graph({
      entity: "stock_location",
      fields: ["id"],
      filters: { name: "Main warehouse" },
    })
    const { data: options } = await query.graph({
      entity: "shipping_option",
      fields: ["id"],
      filters: { name: "Standard freight" },
    })
    seeded = {
      region_id: regions[0].id,
      publishable_key: keys[0].token,
      company_id: company.id,
      variants,
      sales_channel_id: channels[0]?.id,
      stock_location_id: locations[0]?.id,
      shipping_option_id: options[0]?.id,
    }
    // Each demo run starts a fresh Stripe sandbox: forget the customer the
    // previous run's sandbox issued (against real Stripe it would be kept).
    await b2b.updateCompanies({ id: company.id, stripe_customer_id: null })
    // A database seeded by an older hub may lack the contract's price list (product-page prices).
    await syncContractPriceListsWorkflow(container).run({ input: { company_ids: [company.id] } })
  }
  // The warehouse ships through the ERP: an option fulfilled by erp_erp, and staff to create the fulfillment.
  const erp_shipping_option_id = await seedErpFreightOption(container, {
    stock_location_id: seeded.stock_location_id as string,
    template_option_id: seeded.shipping_option_id as string,
    region_id: seeded.region_id as string,
    currency_code: "usd",
    amount: 30,
  })
  await seedAdminUser(container, DEMO_ADMIN)
  await seedDemoApprovals(container, seeded.company_id as string)
  const integrations = await seedDemoIntegrations(container, {
    netsuiteBaseUrl: process.env.DEMO_ERP_NETSUITE_URL,
    netsuiteTokenUrl: process.env.DEMO_ERP_NETSUITE_TOKEN_URL,
    partnerUrl: process.env.DEMO_PARTNER_URL,
    salesChannelId: seeded.sales_channel_id as string | undefined,
    partnerCompanyId: seeded.company_id as string | undefined,
  })
  const promotion_code = await seedDemoPromotion(container)
  const out = {
    ...seeded,
    erp_shipping_option_id,
    ...integrations,
    promotion_code,
    buyer: DEMO_BUYER,
    approver: DEMO_APPROVER,
    admin: DEMO_ADMIN,
  }
  if (process.env.DEMO_SEED_OUT) writeFileSync(process.env.DEMO_SEED_OUT, JSON.stringify(out, null, 2))
  logger.info("Demo merchant ready")
}

/** The company admin who approves and the company's rule (also added to a database seeded before approvals existed). */
async function seedDemoApprovals(container: ExecArgs["container"], company_id: string) {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id"],
    filters: { email: DEMO_APPROVER.email },
  })
  if (!customers.length)
    await seedBuyer(container, { ...DEMO_APPROVER, company_id, role: "admin", first_name: "Sam", last_name: "Admin" })
  if ((await b2b.listApprovalRules({ company_id })).length) return
  await createApprovalRuleWorkflow(container).run({
    input: {
      company_id,
      created_by: "company",
      condition: "order_total_above",
      currency_code: "usd",
      amount_minor: DEMO_APPROVAL_ABOVE_MINOR,
      approver: "company_admin",
    },
  })
}
