import type { CartLineInput } from "../types"

/** A USD-ish cart line for variant var_1 of product prod_1; override what the test is about. */
export function cartLine(overrides: Partial<CartLineInput> = {}): CartLineInput {
  return {
    variant_id: "var_1",
    sku: "SKU-1",
    product_id: "prod_1",
    collection_id: "col_1",
    category_ids: ["cat_1"],
    quantity: 1,
    base_unit_price_minor: 2000n,
    ...overrides,
  }
}
