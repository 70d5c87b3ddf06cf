import { model } from "@medusajs/framework/utils"
import { Company } from "./company"
import { PriceRule } from "./price-rule"

export const PAYMENT_TERMS = ["due_on_receipt", "net_7", "net_15", "net_30", "net_45", "net_60", "net_90"] as const
export type PaymentTerms = (typeof PAYMENT_TERMS)[number]

/**
 * A negotiated agreement. Amounts are integer minor units of `currency_code`.
 * At most one active contract per company and currency at any instant: the
 * service refuses overlapping validity windows. `price_list_id` is the Medusa
 * price list that shows this contract's prices in the product API (kept in
 * sync by syncContractPriceListsWorkflow; null until the first sync).
 */
export const Contract = model
  .define("contract", {
    id: model.id({ prefix: "ctr" }).primaryKey(),
    reference: model.text().nullable(),
    currency_code: model.text(),
    valid_from: model.dateTime(),
    valid_to: model.dateTime().nullable(),
    payment_terms: model.enum([...PAYMENT_TERMS]).default("net_30"),
    credit_limit_minor: model.bigNumber().default(0),
    status: model.enum(["active", "terminated"]).default("active"),
    price_list_id: model.text().nullable(),
    company: model.belongsTo(() => Company, { mappedBy: "contracts" }),
    rules: model.hasMany(() => PriceRule, { mappedBy: "contract" }),
  })
  .cascades({ delete: ["rules"] })
