import { z } from "@medusajs/framework/zod"
import { PAYMENT_TERMS } from "../../../modules/b2b/models/contract"
import { QUOTE_AUTHOR_TYPES, QUOTE_STATUSES } from "../../../modules/quote/lib/quote-vocabulary"
import { anyJson, dateTime, named } from "../../openapi/schemas"

/**
 * Response bodies of the quote APIs (store: buyers; admin: staff), as
 * src/modules/quote/lib/quote-document.ts and src/api/utils/quote-view.ts
 * write them. Quote amounts are integer strings of minor units (not numbers).
 */

/** An integer amount in minor units written as a string ("1250" = 12.50), as the quote documents write them. */
export const minorString = () =>
  z
    .string()
    .regex(/^-?\d+$/)
    .meta({ description: 'Integer amount in minor units, as a string ("1250" = 12.50)', example: "1250" })

const quantity = () => z.number().int().min(1)

/** One line of a version (QuoteLine). */
export const QuoteLineView = named(
  "QuoteLine",
  z.object({
    variant_id: z.string(),
    sku: z.string().nullable(),
    title: z.string(),
    quantity: quantity(),
    contract_unit_price_minor: minorString().meta({
      description:
        "The contract's unit price when the version was made (the reference the quoted price is read against)",
    }),
    unit_price_minor: minorString().meta({ description: "The quoted unit price" }),
    subtotal_minor: minorString().meta({ description: "quantity × unit_price_minor" }),
    explanation: z
      .string()
      .nullable()
      .meta({ description: "How the contract price came about; null when staff set a price of their own" }),
  })
)

/** The shipping of a version. */
export const QuoteShippingView = named(
  "QuoteShipping",
  z.object({ shipping_option_id: z.string(), name: z.string(), amount_minor: minorString() })
)

/** What changed from the version before (QuoteDiff, src/modules/quote/lib/quote-diff.ts). */
export const QuoteDiffView = named(
  "QuoteDiff",
  z.object({
    from_version: z.number().int().min(1),
    lines: z.array(
      z.union([
        z.object({
          change: z.enum(["added", "removed"]),
          variant_id: z.string(),
          title: z.string(),
          quantity: quantity(),
          unit_price_minor: minorString(),
        }),
        z.object({
          change: z.literal("changed"),
          variant_id: z.string(),
          title: z.string(),
          quantity: z.object({ from: quantity(), to: quantity() }).optional(),
          unit_price_minor: z.object({ from: minorString(), to: minorString() }).optional(),
        }),
      ])
    ),
    terms: z.array(
      z.object({
        field: z.enum(["discount_minor", "shipping", "payment_terms", "expires_at"]),
        from: anyJson().meta({ description: "The value in from_version (null when unset)" }),
        to: anyJson().meta({ description: "The value in this version (null when unset)" }),
      })
    ),
  })
)

/** The quote without its history (toQuoteDocument): lists and the quote part of a detail. */
const quoteFields = {
  id: z.string(),
  company_id: z.string(),
  customer_id: z.string().meta({ description: "The buyer who asked" }),
  employee_id: z.string().meta({ description: "The buyer as an employee of the company" }),
  status: z.enum(QUOTE_STATUSES),
  currency_code: z.string(),
  region_id: z.string(),
  po_number: z.string().nullable(),
  latest_version: z.number().int().min(1).meta({ description: "The newest version (staff drafts included)" }),
  sent_version: z
    .number()
    .int()
    .min(1)
    .nullable()
    .meta({ description: "The version the buyer may accept (until expires_at); null before staff send one" }),
  sent_at: dateTime().nullable(),
  expires_at: dateTime().nullable(),
  accepted_version: z.number().int().min(1).nullable(),
  approval_request_id: z.string().nullable(),
  order_id: z.string().nullable(),
  closed_at: dateTime().nullable(),
  created_at: dateTime(),
  updated_at: dateTime(),
}

/** A quote in a list (toQuoteDocument). */
export const QuoteSummary = named("QuoteSummary", z.object(quoteFields))

/** One version of a quote (toQuoteVersionDocument). */
export const QuoteVersionView = named(
  "QuoteVersion",
  z.object({
    number: z.number().int().min(1).meta({ description: "1 is the buyer's request at contract prices" }),
    lines: z.array(QuoteLineView),
    subtotal_minor: minorString(),
    discount_minor: minorString(),
    shipping: QuoteShippingView.nullable(),
    shipping_minor: minorString(),
    total_minor: minorString().meta({
      description: "Before tax: the region's taxes are added when the order is placed",
    }),
    payment_terms: z.enum(PAYMENT_TERMS),
    expires_at: dateTime().nullable(),
    author_type: z.enum(QUOTE_AUTHOR_TYPES).meta({ description: "employee: the buyer (version 1); user: staff" }),
    author_id: z.string(),
    comment: z.string().nullable(),
    diff: QuoteDiffView.nullable().meta({ description: "Against the version before; null for version 1" }),
    sent_at: dateTime().nullable(),
    created_at: dateTime(),
  })
)

/** A message of a quote's thread (toQuoteMessageDocument). */
export const QuoteMessageView = named(
  "QuoteMessage",
  z.object({
    id: z.string(),
    author_type: z.enum(QUOTE_AUTHOR_TYPES),
    author_id: z.string(),
    body: z.string(),
    version: z.number().int().nullable().meta({ description: "The version it is about, if any" }),
    created_at: dateTime(),
  })
)

/**
 * The quote with its versions and thread (quoteView). Staff see every
 * version (drafts not yet sent included); buyers see those up to the one sent.
 */
export const QuoteDetail = named(
  "Quote",
  z.object({ ...quoteFields, versions: z.array(QuoteVersionView), messages: z.array(QuoteMessageView) })
)

/** `{ quote }`: what the quote detail and the quote actions answer. */
export const QuoteEnvelope = z.object({ quote: QuoteDetail })
