// Serves one version of a quote as a PDF (store and admin routes share it).
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../modules/b2b"
import type B2bModuleService from "../../modules/b2b/service"
import {
  toQuoteDocument,
  toQuoteVersionDocument,
  visibleToBuyer,
  type QuoteRow,
} from "../../modules/quote/lib/quote-document"
import { renderQuotePdf } from "../../modules/quote/lib/quote-pdf"
import { loadQuoteVersion } from "../../workflows/quote/utils/load-quote"
import type { QuoteAudience } from "./quote-view"

/** `:version` of the path, a whole number ≥ 1 (400 naming it otherwise). */
function versionParam(raw: string | undefined): number {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1)
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "version: must be a whole number ≥ 1")
  return n
}

export async function sendQuotePdf(req: MedusaRequest, res: MedusaResponse, quote: QuoteRow, audience: QuoteAudience) {
  const number = versionParam(req.params.version)
  // Drafts staff have not sent do not exist for the buyer.
  if (number > quote.latest_version || (audience === "buyer" && !visibleToBuyer(quote, number))) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Quote ${quote.id} has no version ${number}`)
  }
  const version = await loadQuoteVersion(req.scope, quote.id, number)
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const company = await b2b.retrieveCompany(quote.company_id, { select: ["name"] })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores } = await query.graph({ entity: "store", fields: ["name"] })
  const pdf = await renderQuotePdf({
    quote: toQuoteDocument(quote),
    version: toQuoteVersionDocument(version),
    company_name: company.name,
    merchant_name: (stores[0] as { name?: string } | undefined)?.name ?? "",
  })
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", `inline; filename="${quote.id}-v${number}.pdf"`)
  res.setHeader("Cache-Control", "private, no-store")
  res.status(200).send(pdf)
}
