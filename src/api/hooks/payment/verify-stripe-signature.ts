import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"

/**
 * Medusa's payment webhook route answers 200 and verifies later, in a
 * subscriber. Stripe events for the net-terms provider are verified here, on
 * the raw body, so a forged or tampered event gets 400 and changes nothing.
 */
export function verifyStripeSignature(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody
  const signature = req.headers["stripe-signature"]
  if (!raw || typeof signature !== "string") {
    res.status(400).json({ type: "invalid_data", message: "Missing Stripe-Signature header or body" })
    return
  }
  try {
    req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE).verifyStripeWebhook(raw, signature)
  } catch {
    res.status(400).json({ type: "invalid_data", message: "Stripe signature verification failed" })
    return
  }
  next()
}
