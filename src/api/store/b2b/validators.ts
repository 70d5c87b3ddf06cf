import { z } from "@medusajs/framework/zod"
import { currencyCode, quantity } from "../../utils/zod-fields"

export const StoreGetContractParams = z.object({ currency_code: currencyCode().optional() }).strict()
export type StoreGetContractParamsType = z.infer<typeof StoreGetContractParams>

/** At most this many lines per quote (a large B2B cart). */
const MAX_QUOTE_LINES = 1000

export const StorePriceQuote = z
  .object({
    currency_code: currencyCode().optional(),
    region_id: z.string().min(1).optional(),
    items: z
      .array(z.object({ variant_id: z.string().min(1), quantity: quantity() }).strict())
      .min(1, { error: "must list at least one item" })
      .max(MAX_QUOTE_LINES),
  })
  .strict()
export type StorePriceQuoteType = z.infer<typeof StorePriceQuote>
