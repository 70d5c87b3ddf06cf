import { QUOTE_AUTHOR_TYPES, QUOTE_STATUSES } from "../../quote/lib/quote-vocabulary"
import { DATE_TIME, MINOR_AMOUNT, nullable, type EventTypeDefinition, type JsonSchema } from "./types"

const VARIANT_ID: JsonSchema = { type: "string", pattern: "^variant_" }
const QUANTITY: JsonSchema = { type: "integer", minimum: 1 }

/** The quote (toQuoteDocument in src/modules/quote/lib/quote-document.ts). */
const QUOTE: JsonSchema = {
  type: "object",
  required: [
    "id",
    "company_id",
    "customer_id",
    "employee_id",
    "status",
    "currency_code",
    "region_id",
    "po_number",
    "latest_version",
    "sent_version",
    "sent_at",
    "expires_at",
    "accepted_version",
    "approval_request_id",
    "order_id",
    "closed_at",
    "created_at",
    "updated_at",
  ],
  properties: {
    id: { type: "string", pattern: "^quo_" },
    company_id: { type: "string", pattern: "^comp_" },
    customer_id: { type: "string", pattern: "^cus_", description: "The buyer who asked." },
    employee_id: { type: "string", pattern: "^emp_", description: "The buyer as an employee of the company." },
    status: {
      enum: [...QUOTE_STATUSES],
      description:
        "requested → quoted (a version sent) → accepted | rejected | expired | withdrawn; revision_requested: the buyer asked for another version; pending_approval: accepted, the company's approval rules hold the order.",
    },
    currency_code: { type: "string", pattern: "^[a-z]{3}$" },
    region_id: { type: "string", pattern: "^reg_" },
    po_number: nullable({ type: "string" }),
    latest_version: {
      type: "integer",
      minimum: 1,
      description: "Number of the newest version (staff drafts included).",
    },
    sent_version: nullable({
      type: "integer",
      minimum: 1,
      description: "The version the buyer may accept (until expires_at); null before staff send one.",
    }),
    sent_at: nullable(DATE_TIME),
    expires_at: nullable({ ...DATE_TIME, description: "Until when the buyer may accept the sent version." }),
    accepted_version: nullable({ type: "integer", minimum: 1 }),
    approval_request_id: nullable({
      type: "string",
      pattern: "^apreq_",
      description: "Set when the company's approval rules held the accepted quote's order for approval.",
    }),
    order_id: nullable({
      type: "string",
      pattern: "^order_",
      description: "Set once the accepted quote became an order.",
    }),
    closed_at: nullable({ ...DATE_TIME, description: "When the quote closed; null while it is open." }),
    created_at: DATE_TIME,
    updated_at: DATE_TIME,
  },
}

/** One line of a version (QuoteLine in src/modules/quote/models/quote-version.ts). */
const LINE: JsonSchema = {
  type: "object",
  required: [
    "variant_id",
    "sku",
    "title",
    "quantity",
    "contract_unit_price_minor",
    "unit_price_minor",
    "subtotal_minor",
    "explanation",
  ],
  properties: {
    variant_id: VARIANT_ID,
    sku: nullable({ type: "string" }),
    title: { type: "string" },
    quantity: QUANTITY,
    contract_unit_price_minor: {
      ...MINOR_AMOUNT,
      description:
        "The contract's unit price when the version was made: the reference the quoted price is read against.",
    },
    unit_price_minor: { ...MINOR_AMOUNT, description: "The quoted unit price." },
    subtotal_minor: { ...MINOR_AMOUNT, description: "quantity × unit_price_minor." },
    explanation: nullable({
      type: "string",
      description: "How the contract price came about; null when staff set a price of their own.",
    }),
  },
}

const LINE_AMOUNT = { ...MINOR_AMOUNT, description: "Unit price." }

/** What changed from the version before (QuoteDiff, built by src/modules/quote/lib/quote-diff.ts). */
const DIFF: JsonSchema = {
  type: "object",
  required: ["from_version", "lines", "terms"],
  properties: {
    from_version: { type: "integer", minimum: 1 },
    lines: {
      type: "array",
      description: "Lines added, removed or changed, matched by variant: the newer version's order, removed ones last.",
      items: {
        anyOf: [
          {
            type: "object",
            required: ["change", "variant_id", "title", "quantity", "unit_price_minor"],
            properties: {
              change: { enum: ["added", "removed"] },
              variant_id: VARIANT_ID,
              title: { type: "string" },
              quantity: QUANTITY,
              unit_price_minor: LINE_AMOUNT,
            },
          },
          {
            type: "object",
            required: ["change", "variant_id", "title"],
            description: "At least one of quantity and unit_price_minor is present.",
            properties: {
              change: { const: "changed" },
              variant_id: VARIANT_ID,
              title: { type: "string" },
              quantity: {
                type: "object",
                required: ["from", "to"],
                properties: { from: QUANTITY, to: QUANTITY },
              },
              unit_price_minor: {
                type: "object",
                required: ["from", "to"],
                properties: { from: LINE_AMOUNT, to: LINE_AMOUNT },
              },
            },
          },
        ],
      },
    },
    terms: {
      type: "array",
      description: "Terms that changed, with their old and new values as the version holds them.",
      items: {
        type: "object",
        required: ["field", "from", "to"],
        properties: {
          field: { enum: ["discount_minor", "shipping", "payment_terms", "expires_at"] },
          from: { description: "The value in from_version (null when unset)." },
          to: { description: "The value in this version (null when unset)." },
        },
      },
    },
  },
}

/** The version concerned (toQuoteVersionDocument in src/modules/quote/lib/quote-document.ts). */
const VERSION: JsonSchema = {
  type: "object",
  description:
    "The version concerned: version 1 for quote.requested; otherwise the version staff sent (the one accepted for quote.accepted).",
  required: [
    "number",
    "lines",
    "subtotal_minor",
    "discount_minor",
    "shipping",
    "shipping_minor",
    "total_minor",
    "payment_terms",
    "expires_at",
    "author_type",
    "author_id",
    "comment",
    "diff",
    "sent_at",
    "created_at",
  ],
  properties: {
    number: { type: "integer", minimum: 1, description: "1 is the buyer's request at contract prices." },
    lines: { type: "array", items: LINE, description: "One line per variant." },
    subtotal_minor: { ...MINOR_AMOUNT, description: "Σ of the lines' subtotal_minor." },
    discount_minor: { ...MINOR_AMOUNT, description: "Discount on the whole quote (at most the subtotal)." },
    shipping: nullable({
      type: "object",
      required: ["shipping_option_id", "name", "amount_minor"],
      properties: {
        shipping_option_id: { type: "string", pattern: "^so_" },
        name: { type: "string" },
        amount_minor: MINOR_AMOUNT,
      },
    }),
    shipping_minor: { ...MINOR_AMOUNT, description: "The shipping amount; 0 without shipping." },
    total_minor: {
      ...MINOR_AMOUNT,
      description: "subtotal − discount + shipping, before tax: the region's taxes are added when the order is placed.",
    },
    payment_terms: { type: "string", description: "The contract's payment terms, e.g. net_30." },
    expires_at: nullable({ ...DATE_TIME, description: "Until when the buyer may accept it once sent." }),
    author_type: {
      enum: [...QUOTE_AUTHOR_TYPES],
      description: "employee: the buyer (version 1); user: a staff member.",
    },
    author_id: { type: "string", pattern: "^(emp|user)_", description: "The employee or staff user who wrote it." },
    comment: nullable({ type: "string" }),
    diff: nullable({ ...DIFF, description: "Against the version before; null for version 1." }),
    sent_at: nullable({ ...DATE_TIME, description: "When staff sent it to the buyer; null if not sent." }),
    created_at: DATE_TIME,
  },
}

const DATA: JsonSchema = {
  type: "object",
  required: ["quote", "version"],
  properties: { quote: QUOTE, version: VERSION },
}

const quoteEvent = <T extends string>(type: T, description: string): EventTypeDefinition<T> => ({
  type,
  version: 1,
  resource: "quote",
  description,
  data: DATA,
  subscribable: true,
})

export const quoteRequested = quoteEvent(
  "quote.requested",
  "A buyer asked for a quote: `version` is version 1, their lines at contract prices."
)
export const quoteSent = quoteEvent(
  "quote.sent",
  "Staff sent a version (`version`) that the buyer may accept until `quote.expires_at`."
)
export const quoteAccepted = quoteEvent(
  "quote.accepted",
  "The buyer accepted the sent version: `order_id` is set when the order was placed, `approval_request_id` when the company's approval rules hold it first."
)
export const quoteRejected = quoteEvent("quote.rejected", "The buyer declined the sent version.")
export const quoteExpired = quoteEvent(
  "quote.expired",
  "The sent version's validity (`expires_at`) ran out before the buyer accepted it."
)
