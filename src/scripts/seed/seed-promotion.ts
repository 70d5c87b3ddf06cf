import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"

/** The demo's promotion code: 7.5 % off the items, so the demo order carries a promotion and tax. */
export const DEMO_PROMOTION_CODE = "B2BSPRING"

/**
 * A code-activated standard promotion: `value` percent (or, `fixed`, major
 * units of `currency`) off the items or the shipping methods, allocated
 * across them (Medusa requires max_quantity for 'each').
 */
export type PromotionSeed = {
  code: string
  type: "percentage" | "fixed"
  target: "items" | "shipping_methods"
  value: number
  currency: string
}

/** Creates the promotion once (Medusa's own workflow); reruns find it by code. */
export async function seedPromotion(container: MedusaContainer, seed: PromotionSeed): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "promotion", fields: ["id"], filters: { code: seed.code } })
  if (data.length) return seed.code
  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [
        {
          code: seed.code,
          type: "standard",
          status: "active",
          is_automatic: false,
          application_method: {
            type: seed.type,
            target_type: seed.target,
            allocation: "across",
            value: seed.value,
            currency_code: seed.currency,
          },
        },
      ],
    },
  })
  return seed.code
}

/** Creates the demo promotion once; reruns find it by code. */
export async function seedDemoPromotion(container: MedusaContainer, currency = "usd"): Promise<string> {
  return await seedPromotion(container, {
    code: DEMO_PROMOTION_CODE,
    type: "percentage",
    target: "items",
    value: 7.5,
    currency,
  })
}
