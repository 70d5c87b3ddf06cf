import { MedusaService } from "@medusajs/framework/utils"
import { CreditNote } from "./models/credit-note"
import { Invoice } from "./models/invoice"
import { StripeEvent } from "./models/stripe-event"

export { isForwardTransition } from "./lib/status"

class InvoicingModuleService extends MedusaService({ Invoice, StripeEvent, CreditNote }) {}

export default InvoicingModuleService
