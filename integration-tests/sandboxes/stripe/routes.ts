import type { Handler } from "./context"
import { createCreditNote, listCreditNotes, retrieveCreditNote } from "./credit-notes"
import { createCustomer, listCustomers, retrieveCustomer, updateCustomer } from "./customers"
import { retrieveEvent, listEvents } from "./events-api"
import { finalizeInvoice, markUncollectible, payInvoice, sendInvoice, voidInvoice } from "./invoice-lifecycle"
import { addLines, listLines } from "./invoice-lines"
import { createInvoice, deleteInvoice, listInvoices, retrieveInvoice, updateInvoice } from "./invoices"

interface Route {
  method: "GET" | "POST" | "DELETE"
  pattern: RegExp
  handler: Handler
}

const ID = "([^/]+)"
const route = (method: Route["method"], path: string, handler: Handler): Route => ({
  method,
  pattern: new RegExp(`^${path.replace(/:id/g, ID)}$`),
  handler,
})

/** The Stripe v1 surface the sandbox models. */
const ROUTES: Route[] = [
  route("POST", "/v1/customers", createCustomer),
  route("GET", "/v1/customers", listCustomers),
  route("GET", "/v1/customers/:id", retrieveCustomer),
  route("POST", "/v1/customers/:id", updateCustomer),
  route("POST", "/v1/invoices", createInvoice),
  route("GET", "/v1/invoices", listInvoices),
  route("GET", "/v1/invoices/:id", retrieveInvoice),
  route("POST", "/v1/invoices/:id", updateInvoice),
  route("DELETE", "/v1/invoices/:id", deleteInvoice),
  route("POST", "/v1/invoices/:id/add_lines", addLines),
  route("GET", "/v1/invoices/:id/lines", listLines),
  route("POST", "/v1/invoices/:id/finalize", finalizeInvoice),
  route("POST", "/v1/invoices/:id/send", sendInvoice),
  route("POST", "/v1/invoices/:id/pay", payInvoice),
  route("POST", "/v1/invoices/:id/void", voidInvoice),
  route("POST", "/v1/invoices/:id/mark_uncollectible", markUncollectible),
  route("POST", "/v1/credit_notes", createCreditNote),
  route("GET", "/v1/credit_notes", listCreditNotes),
  route("GET", "/v1/credit_notes/:id", retrieveCreditNote),
  route("GET", "/v1/events", listEvents),
  route("GET", "/v1/events/:id", retrieveEvent),
]

export function findRoute(method: string, path: string): { handler: Handler; ids: string[] } | undefined {
  for (const r of ROUTES) {
    if (r.method !== method) continue
    const m = r.pattern.exec(path)
    if (m) return { handler: r.handler, ids: m.slice(1).map(safeDecode) }
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
