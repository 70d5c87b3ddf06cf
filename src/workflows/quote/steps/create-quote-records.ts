import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { QUOTE_MODULE } from "../../../modules/quote"
import type QuoteModuleService from "../../../modules/quote/service"
import type { QuoteRow, QuoteVersionRow } from "../../../modules/quote/lib/quote-document"

/** One record of what a generated create method takes (its last overload takes an array of them). */
type CreateOne<M extends "createQuotes" | "createQuoteVersions" | "createQuoteMessages"> = Parameters<
  QuoteModuleService[M]
>[0][number]
type CreateQuoteInput = CreateOne<"createQuotes">
/** Amounts as integer strings (exact; the generated type says number) and dates as ISO strings (workflow data is JSON). */
type CreateVersionInput = Omit<
  CreateOne<"createQuoteVersions">,
  "subtotal_minor" | "discount_minor" | "shipping_minor" | "total_minor" | "expires_at"
> & {
  subtotal_minor: string
  discount_minor: string
  shipping_minor: string
  total_minor: string
  expires_at: string | null
}
type CreateMessageInput = CreateOne<"createQuoteMessages">

/** Creates the quote row; compensation deletes it. */
export const createQuoteStep = createStep(
  "create-quote",
  async (input: CreateQuoteInput, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    const created = (await quotes.createQuotes(input)) as unknown as QuoteRow
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<QuoteModuleService>(QUOTE_MODULE).deleteQuotes(id)
  }
)

/**
 * Creates a version. The unique (quote_id, number) index refuses a second
 * version with the same number, so two racing revisions cannot both land.
 * Compensation deletes it (a version that never became the quote's latest).
 */
export const createQuoteVersionStep = createStep(
  "create-quote-version",
  async (input: CreateVersionInput, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    const created = (await quotes.createQuoteVersions(
      input as unknown as CreateOne<"createQuoteVersions">
    )) as unknown as QuoteVersionRow & { id: string }
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<QuoteModuleService>(QUOTE_MODULE).deleteQuoteVersions(id)
  }
)

/** Adds a message to the thread; compensation deletes it. */
export const createQuoteMessageStep = createStep(
  "create-quote-message",
  async (input: CreateMessageInput, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    const created = (await quotes.createQuoteMessages(input)) as unknown as { id: string }
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<QuoteModuleService>(QUOTE_MODULE).deleteQuoteMessages(id)
  }
)
