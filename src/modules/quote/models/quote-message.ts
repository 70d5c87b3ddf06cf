import { model } from "@medusajs/framework/utils"
import { QUOTE_AUTHOR_TYPES } from "../lib/quote-vocabulary"

/** One message in a quote's thread, from the buyer's side (employee) or staff (user). Never edited. */
export const QuoteMessage = model
  .define("quote_message", {
    id: model.id({ prefix: "quomsg" }).primaryKey(),
    quote_id: model.text(),
    author_type: model.enum([...QUOTE_AUTHOR_TYPES]),
    author_id: model.text(),
    body: model.text(),
    /** The version the message is about, when it is about one. */
    version: model.number().nullable(),
  })
  .indexes([{ on: ["quote_id"] }])
