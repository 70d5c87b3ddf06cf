import { MedusaService } from "@medusajs/framework/utils"
import { CreditNote } from "./models/credit-note"
import { Invoice, InvoiceStatus } from "./models/invoice"
import { StripeEvent } from "./models/stripe-event"

/**
 * Stripe's invoice states in the order they can be reached. A transition to a
 * lower rank is ignored, so late or replayed webhooks never move us backwards.
 */
const STATUS_RANK: Record<InvoiceStatus, number> = {
  pending: 0,
  draft: 1,
  open: 2,
  uncollectible: 3,
  paid: 4,
  void: 4,
}

export function isForwardTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  if (from === to) return false
  if (from === "paid" || from === "void") return false
  return STATUS_RANK[to] > STATUS_RANK[from]
}

class InvoicingModuleService extends MedusaService({ Invoice, StripeEvent, CreditNote }) {}

export default InvoicingModuleService
