/** Fields returned by the admin contract routes unless `?fields=` asks for others. */
export const adminContractFields = [
  "id",
  "reference",
  "company_id",
  "currency_code",
  "valid_from",
  "valid_to",
  "payment_terms",
  "credit_limit_minor",
  "status",
  // The Medusa price list that shows the contract's prices in the product API.
  "price_list_id",
  "created_at",
  "updated_at",
]

/** Rule columns, mapped to the API shape by toRuleOutput. */
export const adminRuleFields = [
  "id",
  "type",
  "variant_id",
  "sku",
  "scope",
  "scope_id",
  "unit_price_minor",
  "tier_mode",
  "tiers",
  "discount_kind",
  "discount_value",
  "min_quantity",
  "increment",
  "created_at",
  "updated_at",
]

export const adminContractQueryConfig = {
  list: { defaults: adminContractFields, isList: true },
  retrieve: { defaults: adminContractFields, isList: false },
}
