// Reads a quote with its versions (and thread) for the workflows and routes.
import type { MedusaContainer } from "@medusajs/framework/types"
import { QUOTE_MODULE } from "../../../modules/quote"
import type QuoteModuleService from "../../../modules/quote/service"
import type { QuoteMessageRow, QuoteRow, QuoteVersionRow } from "../../../modules/quote/lib/quote-document"
import { quoteNotFound } from "./quote-errors"

export async function loadQuote(container: MedusaContainer, id: string): Promise<QuoteRow> {
  const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
  const [quote] = await quotes.listQuotes({ id })
  if (!quote) throw quoteNotFound(id)
  return quote as unknown as QuoteRow
}

export async function loadQuoteVersion(
  container: MedusaContainer,
  quoteId: string,
  number: number
): Promise<QuoteVersionRow> {
  const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
  const [version] = await quotes.listQuoteVersions({ quote_id: quoteId, number })
  if (!version) throw quoteNotFound(`${quoteId} version ${number}`)
  return version as unknown as QuoteVersionRow
}

export async function loadQuoteHistory(
  container: MedusaContainer,
  quoteId: string
): Promise<{ versions: QuoteVersionRow[]; messages: QuoteMessageRow[] }> {
  const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
  const [versions, messages] = await Promise.all([
    quotes.listQuoteVersions({ quote_id: quoteId }, { order: { number: "ASC" } }),
    quotes.listQuoteMessages({ quote_id: quoteId }, { order: { created_at: "ASC" } }),
  ])
  return {
    versions: versions as unknown as QuoteVersionRow[],
    messages: messages as unknown as QuoteMessageRow[],
  }
}
