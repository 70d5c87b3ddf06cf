import { model } from "@medusajs/framework/utils"
import { Contract } from "./contract"

/**
 * One contract price rule. Which columns are used depends on `type`
 * (see pricing/PRECEDENCE.md): fixed_price / tiered_price target a variant or
 * SKU, discount targets a product, category, collection or the catalogue,
 * quantity_constraint carries MOQ and increments.
 */
export const PriceRule = model
  .define("contract_price_rule", {
    id: model.id({ prefix: "cpr" }).primaryKey(),
    type: model.enum(["fixed_price", "tiered_price", "discount", "quantity_constraint"]),
    variant_id: model.text().nullable(),
    sku: model.text().nullable(),
    scope: model.enum(["product", "category", "collection", "catalogue"]).nullable(),
    scope_id: model.text().nullable(),
    unit_price_minor: model.bigNumber().nullable(),
    tier_mode: model.enum(["volume", "graduated"]).nullable(),
    tiers: model.json<{ min_quantity: number; unit_price_minor: string | number }[]>().nullable(),
    discount_kind: model.enum(["percentage", "fixed_amount"]).nullable(),
    discount_value: model.text().nullable(),
    min_quantity: model.number().nullable(),
    increment: model.number().nullable(),
    contract: model.belongsTo(() => Contract, { mappedBy: "rules" }),
  })
  .indexes([{ on: ["variant_id"] }, { on: ["sku"] }])
