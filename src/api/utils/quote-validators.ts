// Request bodies and queries of the quote APIs (store: buyers; admin: merchant staff).
import { z } from "@medusajs/framework/zod"
import { PAYMENT_TERMS } from "../../modules/b2b/models/contract"
import { QUOTE_STATUSES } from "../../modules/quote/lib/quote-vocabulary"
import { isoDate, minorAmount, quantity } from "./zod-fields"
import { limitParam, offsetParam } from "./list-params"

const text = (max: number) => z.string().trim().min(1, { error: "must not be empty" }).max(max)

/** An address as Medusa's cart takes it. */
const Address = z
  .object({
    first_name: z.string().max(200).optional(),
    last_name: z.string().max(200).optional(),
    company: z.string().max(200).optional(),
    address_1: z.string().max(300).optional(),
    address_2: z.string().max(300).optional(),
    city: z.string().max(200).optional(),
    province: z.string().max(200).optional(),
    postal_code: z.string().max(50).optional(),
    country_code: z
      .string()
      .regex(/^[a-zA-Z]{2}$/, { error: "must be a two-letter country code" })
      .optional(),
    phone: z.string().max(50).optional(),
  })
  .strict()

const RequestItem = z
  .object({ variant_id: z.string().min(1).optional(), sku: z.string().min(1).optional(), quantity: quantity() })
  .strict()
  .refine((item) => !!item.variant_id !== !!item.sku, { error: "give either variant_id or sku", path: ["variant_id"] })

/** POST /store/b2b/quotes: from one of the buyer's carts, or from items in a region. */
export const StoreRequestQuoteBody = z
  .object({
    cart_id: z.string().min(1).optional(),
    items: z.array(RequestItem).min(1).max(500).optional(),
    region_id: z.string().min(1).optional(),
    po_number: z.string().trim().max(140).optional(),
    message: text(4000).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!!body.cart_id === !!body.items)
      ctx.addIssue({ code: "custom", path: ["cart_id"], message: "give either cart_id or items" })
    if (body.items && !body.region_id)
      ctx.addIssue({ code: "custom", path: ["region_id"], message: "is required with items" })
  })
export type StoreRequestQuoteBodyType = z.infer<typeof StoreRequestQuoteBody>

/** POST /store/b2b/quotes/:id/accept: the version read (a newer one sent meanwhile is a 409). */
export const StoreAcceptQuoteBody = z
  .object({ version: z.number().int().min(1), shipping_address: Address.optional() })
  .strict()
export type StoreAcceptQuoteBodyType = z.infer<typeof StoreAcceptQuoteBody>

/** Reject, ask for a revision, withdraw: an optional reason for the thread (required to ask for a revision). */
export const QuoteReasonBody = z.object({ message: text(4000).optional() }).strict()
export const QuoteRevisionRequestBody = z.object({ message: text(4000) }).strict()
export type QuoteReasonBodyType = z.infer<typeof QuoteReasonBody>

/** POST …/messages */
export const QuoteMessageBody = z.object({ body: text(4000), version: z.number().int().min(1).optional() }).strict()
export type QuoteMessageBodyType = z.infer<typeof QuoteMessageBody>

/** POST /admin/quotes/:id/versions: a revision; omitted fields keep the previous version's. */
export const AdminReviseQuoteBody = z
  .object({
    lines: z
      .array(
        z
          .object({
            variant_id: z.string().min(1),
            quantity: quantity(),
            unit_price_minor: minorAmount().optional(),
          })
          .strict()
      )
      .min(1, { error: "a quote needs at least one line (withdraw it instead)" })
      .max(500)
      .optional(),
    discount_minor: minorAmount().optional(),
    shipping: z
      .object({ shipping_option_id: z.string().min(1), amount_minor: minorAmount() })
      .strict()
      .nullable()
      .optional(),
    payment_terms: z.enum(PAYMENT_TERMS).optional(),
    expires_at: isoDate().optional(),
    comment: text(4000).optional(),
    /** The version staff revised from: a 409 if another revision landed since (two staff at once). */
    based_on_version: z.number().int().min(1).optional(),
  })
  .strict()
export type AdminReviseQuoteBodyType = z.infer<typeof AdminReviseQuoteBody>

/** POST /admin/quotes/:id/send: the version staff mean to send (must be the latest). */
export const AdminSendQuoteBody = z.object({ version: z.number().int().min(1).optional() }).strict()

export const ListQuotesQuery = z
  .object({
    status: z.enum(QUOTE_STATUSES).optional(),
    company_id: z.string().min(1).optional(),
    limit: limitParam({ default: 20, max: 100 }),
    offset: offsetParam(),
  })
  .strict()
export type ListQuotesQueryType = z.infer<typeof ListQuotesQuery>
