import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../../modules/b2b"
import type B2bModuleService from "../../../../modules/b2b/service"
import { QUOTE_MODULE } from "../../../../modules/quote"
import type QuoteModuleService from "../../../../modules/quote/service"
import type { QuoteRow } from "../../../../modules/quote/lib/quote-document"
import { requireEmployee } from "../helpers"

/**
 * Which quotes the caller sees: a buyer their own; everyone else the
 * company's, and a company admin its subsidiaries' too.
 */
export async function quoteCaller(req: AuthenticatedMedusaRequest) {
  const { employee, company } = await requireEmployee(req)
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const subsidiaries = employee.role === "admin" ? await b2b.listDescendantIds(company.id) : []
  const filters = {
    company_id: [company.id, ...subsidiaries],
    ...(employee.role === "buyer" ? { customer_id: employee.customer_id } : {}),
  }
  return { employee, company, filters }
}

/** The quote if the caller sees it, else 404 (another company's looks exactly like a missing one). */
export async function visibleQuote(req: AuthenticatedMedusaRequest, id: string) {
  const caller = await quoteCaller(req)
  const quotes = req.scope.resolve<QuoteModuleService>(QUOTE_MODULE)
  const [quote] = (await quotes.listQuotes({ id, ...caller.filters })) as unknown as QuoteRow[]
  if (!quote) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Quote with id: ${id} was not found`)
  return { caller, quote }
}
