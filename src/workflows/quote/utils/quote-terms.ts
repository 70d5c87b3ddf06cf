// Which payment terms a quote may carry: never longer than the buyer's contract allows.
import { PAYMENT_TERMS, type PaymentTerms } from "../../../modules/b2b/models/contract"
import { invalidQuoteField } from "./quote-errors"

/** PAYMENT_TERMS is ordered from the shortest (due on receipt) to the longest (net 90). */
export function checkTermsWithinContract(terms: string, contractTerms: string, field = "payment_terms"): PaymentTerms {
  const wanted = PAYMENT_TERMS.indexOf(terms as PaymentTerms)
  if (wanted < 0) throw invalidQuoteField(field, `must be one of ${PAYMENT_TERMS.join(", ")}`)
  const allowed = PAYMENT_TERMS.indexOf(contractTerms as PaymentTerms)
  if (wanted > allowed) {
    throw invalidQuoteField(field, `${terms} is longer than the contract allows (${contractTerms})`)
  }
  return terms as PaymentTerms
}

/** How long a sent quote stays open when staff set no expiry. */
export const DEFAULT_QUOTE_VALIDITY_DAYS = 30
