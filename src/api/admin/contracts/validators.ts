import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { PAYMENT_TERMS } from "../../../modules/b2b/models/contract"
import { currencyCode, isoDate, minorAmount, quantity } from "../../utils/zod-fields"
import { listParams } from "../../utils/list-params"

/**
 * Contract price rules, one shape per `type`. Amounts are integer minor units
 * (see utils/zod-fields.ts); a percentage is a decimal ("12.5" or 12.5, at
 * most 4 decimals). Semantic checks (tiers ascending from 1, percentage in
 * (0, 100], a variant or SKU target) are the pricing engine's, run by the
 * workflows so that the API accepts exactly what pricing can use.
 */
const ruleTarget = {
  variant_id: z.string().min(1).nullish(),
  sku: z.string().min(1).nullish(),
}

export const AdminFixedPriceRule = z
  .object({ type: z.literal("fixed_price"), ...ruleTarget, unit_price_minor: minorAmount() })
  .strict()

export const AdminTier = z.object({ min_quantity: quantity(), unit_price_minor: minorAmount() }).strict()

export const AdminTieredPriceRule = z
  .object({
    type: z.literal("tiered_price"),
    ...ruleTarget,
    tier_mode: z.enum(["volume", "graduated"]),
    tiers: z.array(AdminTier).min(1, { error: "must list at least one tier" }),
  })
  .strict()

export const AdminDiscountRule = z
  .object({
    type: z.literal("discount"),
    scope: z.enum(["product", "category", "collection", "catalogue"]),
    scope_id: z.string().min(1).nullish(),
    discount_kind: z.enum(["percentage", "fixed_amount"]),
    percentage: z
      .union([z.string(), z.number()], { error: 'must be a percentage such as "12.5"' })
      .transform(String)
      .optional(),
    amount_off_minor: minorAmount().optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const [needed, unwanted] =
      rule.discount_kind === "percentage"
        ? (["percentage", "amount_off_minor"] as const)
        : (["amount_off_minor", "percentage"] as const)
    if (rule[needed] === undefined)
      ctx.addIssue({ code: "custom", path: [needed], message: `is required for a ${rule.discount_kind} discount` })
    if (rule[unwanted] !== undefined)
      ctx.addIssue({ code: "custom", path: [unwanted], message: `is not used by a ${rule.discount_kind} discount` })
  })

export const AdminQuantityConstraintRule = z
  .object({
    type: z.literal("quantity_constraint"),
    ...ruleTarget,
    min_quantity: quantity().nullish(),
    increment: quantity().nullish(),
  })
  .strict()

export const AdminRule = z.discriminatedUnion(
  "type",
  [AdminFixedPriceRule, AdminTieredPriceRule, AdminDiscountRule, AdminQuantityConstraintRule],
  { error: "must be one of fixed_price, tiered_price, discount, quantity_constraint" }
)
export type AdminRuleType = z.infer<typeof AdminRule>

/** A contract holds at most this many rules per request (the benchmark prices 1,000). */
const MAX_RULES_PER_REQUEST = 5000

export const AdminCreateContract = z
  .object({
    company_id: z.string().min(1),
    currency_code: currencyCode(),
    reference: z.string().nullish(),
    valid_from: isoDate(),
    valid_to: isoDate().nullish(),
    payment_terms: z.enum(PAYMENT_TERMS).default("net_30"),
    credit_limit_minor: minorAmount().default(0),
    status: z.enum(["active", "terminated"]).default("active"),
    rules: z.array(AdminRule).max(MAX_RULES_PER_REQUEST).default([]),
  })
  .strict()
export type AdminCreateContractType = z.infer<typeof AdminCreateContract>

export const AdminUpdateContract = z
  .object({
    reference: z.string().nullish(),
    valid_from: isoDate().optional(),
    valid_to: isoDate().nullish(),
    payment_terms: z.enum(PAYMENT_TERMS).optional(),
    credit_limit_minor: minorAmount().optional(),
    status: z.enum(["active", "terminated"]).optional(),
  })
  .strict()
export type AdminUpdateContractType = z.infer<typeof AdminUpdateContract>

export const AdminAddContractRules = z
  .object({ rules: z.array(AdminRule).min(1, { error: "must list at least one rule" }).max(MAX_RULES_PER_REQUEST) })
  .strict()
export type AdminAddContractRulesType = z.infer<typeof AdminAddContractRules>

/**
 * A partial rule: merged with the stored rule, then checked as a whole with
 * AdminRule. The type of a rule cannot change.
 */
export const AdminUpdateContractRule = z
  .object({
    type: z.string().optional(),
    variant_id: z.unknown().optional(),
    sku: z.unknown().optional(),
    unit_price_minor: z.unknown().optional(),
    tier_mode: z.unknown().optional(),
    tiers: z.unknown().optional(),
    scope: z.unknown().optional(),
    scope_id: z.unknown().optional(),
    discount_kind: z.unknown().optional(),
    percentage: z.unknown().optional(),
    amount_off_minor: z.unknown().optional(),
    min_quantity: z.unknown().optional(),
    increment: z.unknown().optional(),
  })
  .strict()
export type AdminUpdateContractRuleType = z.infer<typeof AdminUpdateContractRule>

/** A basket staff price with POST /admin/contracts/:id/preview (same limit as the store price quote). */
const MAX_PREVIEW_LINES = 1000

export const AdminPreviewContractPrices = z
  .object({
    items: z
      .array(z.object({ variant_id: z.string().min(1), quantity: quantity() }).strict())
      .min(1, { error: "must list at least one item" })
      .max(MAX_PREVIEW_LINES, { error: `must list at most ${MAX_PREVIEW_LINES} items` }),
  })
  .strict()
export type AdminPreviewContractPricesType = z.infer<typeof AdminPreviewContractPrices>

export const AdminGetContractsParams = createFindParams()
  .extend({
    ...listParams({
      defaultLimit: 20,
      maxLimit: 100,
      orderBy: ["reference", "currency_code", "valid_from", "valid_to", "status", "created_at", "updated_at"],
    }),
    id: z.union([z.string(), z.array(z.string())]).optional(),
    company_id: z.union([z.string(), z.array(z.string())]).optional(),
    currency_code: z.string().optional(),
    status: z.enum(["active", "terminated"]).optional(),
  })
  .strict()
export type AdminGetContractsParamsType = z.infer<typeof AdminGetContractsParams>

export const AdminGetContractParams = z.object({ fields: z.string().optional() }).strict()
