import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reviseQuoteWorkflow } from "../../../../../workflows/quote/revise-quote"
import type { AdminReviseQuoteBodyType } from "../../../../utils/quote-validators"
import { quoteView } from "../../../../utils/quote-view"

/**
 * POST /admin/quotes/:id/versions { lines?, discount_minor?, shipping?, payment_terms?, expires_at?, comment?,
 * based_on_version? } — 201 with the quote and its new version (send it with …/send); 409
 * quote_version_superseded when `based_on_version` is no longer the latest.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminReviseQuoteBodyType>, res: MedusaResponse) {
  const body = req.validatedBody
  const { result } = await reviseQuoteWorkflow(req.scope).run({
    input: {
      quote_id: req.params.id,
      user_id: req.auth_context.actor_id,
      lines: body.lines?.map((l) => ({
        variant_id: l.variant_id,
        quantity: l.quantity,
        unit_price_minor: l.unit_price_minor === undefined ? undefined : String(l.unit_price_minor),
      })),
      discount_minor: body.discount_minor === undefined ? undefined : String(body.discount_minor),
      shipping:
        body.shipping === undefined
          ? undefined
          : body.shipping && {
              shipping_option_id: body.shipping.shipping_option_id,
              amount_minor: String(body.shipping.amount_minor),
            },
      payment_terms: body.payment_terms,
      expires_at: body.expires_at?.toISOString(),
      comment: body.comment ?? null,
      based_on_version: body.based_on_version,
    },
  })
  res.status(201).json({ quote: await quoteView(req.scope, result.quote, "staff") })
}
