import { model } from "@medusajs/framework/utils"
import { QUOTE_AUTHOR_TYPES } from "../lib/quote-vocabulary"

/** One line of a version. Amounts are integer minor units as strings. */
export type QuoteLine = {
  variant_id: string
  sku: string | null
  title: string
  quantity: number
  /** What the contract prices it at when the version was made (the reference the quoted price is read against). */
  contract_unit_price_minor: string
  unit_price_minor: string
  subtotal_minor: string
  /** How the contract price came about (the cart's explanation), or null when staff set a price of their own. */
  explanation: string | null
}

export type QuoteShipping = { shipping_option_id: string; name: string; amount_minor: string }

/** What changed from the previous version, line by line and in the terms. */
export type QuoteDiff = {
  from_version: number
  lines: (
    | { change: "added"; variant_id: string; title: string; quantity: number; unit_price_minor: string }
    | { change: "removed"; variant_id: string; title: string; quantity: number; unit_price_minor: string }
    | {
        change: "changed"
        variant_id: string
        title: string
        quantity?: { from: number; to: number }
        unit_price_minor?: { from: string; to: string }
      }
  )[]
  terms: { field: string; from: unknown; to: unknown }[]
}

/**
 * An immutable version of a quote's content: version 1 is what the buyer
 * asked for at contract prices, each later one a staff revision with who,
 * when, a comment and the diff against the one before. Never updated except
 * `sent_at`, stamped once when staff send it (the service guards it).
 */
export const QuoteVersion = model
  .define("quote_version", {
    id: model.id({ prefix: "quov" }).primaryKey(),
    quote_id: model.text(),
    number: model.number(),
    lines: model.json<QuoteLine[]>(),
    subtotal_minor: model.bigNumber(),
    discount_minor: model.bigNumber(),
    shipping: model.json<QuoteShipping>().nullable(),
    shipping_minor: model.bigNumber(),
    total_minor: model.bigNumber(),
    payment_terms: model.text(),
    expires_at: model.dateTime().nullable(),
    author_type: model.enum([...QUOTE_AUTHOR_TYPES]),
    author_id: model.text(),
    comment: model.text().nullable(),
    diff: model.json<QuoteDiff>().nullable(),
    sent_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["quote_id", "number"], unique: true }])
