import type { Handler } from "./context"
import { createCreditNote, listCreditNotes, retrieveCreditNote } from "./credit-notes"
import { createCustomer, listCustomers, retrieveCustomer, updateCustomer } from "./customers"
import { retrieveEvent, listEvents } from "./events-api"
import { finalizeInvoice, markUncollectible, payInvoice, sendInvoice, voidInvoice } from "./invoice-lifecycle"
import { addLines, listLines } from "./invoice-lines"
import { createInvoice, deleteInvoice, listInvoices, retrieveInvoice, updateInvoice } from "./invoices"
import { ENDPOINTS, findEndpoint } from "./openapi/contract"
import type { EndpointContract } from "./openapi/schema"
import { retrieveTaxRate } from "./tax-rates"

interface Route {
  method: "GET" | "POST" | "DELETE"
  pattern: RegExp
  handler: Handler
  endpoint: EndpointContract
}

/**
 * One route per endpoint of the contract (openapi/contract.ts), by its
 * OpenAPI path template: a route without a contract, or a contract without a
 * route, stops the sandbox from loading.
 */
const route = (method: Route["method"], path: string, handler: Handler): Route => {
  const endpoint = findEndpoint(method, path)
  if (!endpoint) throw new Error(`Stripe sandbox: ${method} ${path} has no entry in openapi/contract.ts`)
  return { method, pattern: new RegExp(`^${path.replace(/\{[^/]+\}/g, "([^/]+)")}$`), handler, endpoint }
}

/** The Stripe v1 surface the sandbox models. */
const ROUTES: Route[] = [
  route("POST", "/v1/customers", createCustomer),
  route("GET", "/v1/customers", listCustomers),
  route("GET", "/v1/customers/{customer}", retrieveCustomer),
  route("POST", "/v1/customers/{customer}", updateCustomer),
  route("POST", "/v1/invoices", createInvoice),
  route("GET", "/v1/invoices", listInvoices),
  route("GET", "/v1/invoices/{invoice}", retrieveInvoice),
  route("POST", "/v1/invoices/{invoice}", updateInvoice),
  route("DELETE", "/v1/invoices/{invoice}", deleteInvoice),
  route("POST", "/v1/invoices/{invoice}/add_lines", addLines),
  route("GET", "/v1/invoices/{invoice}/lines", listLines),
  route("POST", "/v1/invoices/{invoice}/finalize", finalizeInvoice),
  route("POST", "/v1/invoices/{invoice}/send", sendInvoice),
  route("POST", "/v1/invoices/{invoice}/pay", payInvoice),
  route("POST", "/v1/invoices/{invoice}/void", voidInvoice),
  route("POST", "/v1/invoices/{invoice}/mark_uncollectible", markUncollectible),
  route("POST", "/v1/credit_notes", createCreditNote),
  route("GET", "/v1/credit_notes", listCreditNotes),
  route("GET", "/v1/credit_notes/{id}", retrieveCreditNote),
  route("GET", "/v1/tax_rates/{tax_rate}", retrieveTaxRate),
  route("GET", "/v1/events", listEvents),
  route("GET", "/v1/events/{id}", retrieveEvent),
]

for (const e of ENDPOINTS) {
  if (!ROUTES.some((r) => r.endpoint === e))
    throw new Error(`Stripe sandbox: the contract's ${e.method} ${e.path} has no route`)
}

export function findRoute(
  method: string,
  path: string
): { handler: Handler; ids: string[]; endpoint: EndpointContract } | undefined {
  for (const r of ROUTES) {
    if (r.method !== method) continue
    const m = r.pattern.exec(path)
    if (m) return { handler: r.handler, ids: m.slice(1).map(safeDecode), endpoint: r.endpoint }
  }
  return undefined
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
