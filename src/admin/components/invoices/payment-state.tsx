import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { formatDate, formatMinor } from "../../lib/format"
import { InvoiceStatusBadge } from "./invoice-status-badge"
import { StripeLink } from "./stripe-link"
import type { AdminInvoice } from "./types"

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="grid grid-cols-2 items-center px-6 py-3">
    <Text size="small" weight="plus" className="text-ui-fg-subtle">
      {label}
    </Text>
    <div className="text-ui-fg-base text-small">{children}</div>
  </div>
)

/** Where the invoice stands: Stripe status and link, amounts billed, paid, credited and due, issuing state. */
export const PaymentState = ({ invoice }: { invoice: AdminInvoice }) => {
  const money = (minor: number) => formatMinor(minor, invoice.currency_code)
  return (
    <div className="divide-y" data-testid="invoice-payment-state">
      <Row label="Payment state">
        <InvoiceStatusBadge invoice={invoice} />
      </Row>
      <Row label="Stripe invoice">
        <StripeLink invoice={invoice} />
      </Row>
      <Row label="Total">{money(invoice.total_minor)}</Row>
      <Row label="Paid">{money(invoice.amount_paid_minor)}</Row>
      <Row label="Account credit applied">{money(invoice.credit_applied_minor)}</Row>
      <Row label="Credited">{money(invoice.credited_minor)}</Row>
      <Row label="Amount due">{money(invoice.amount_due_minor)}</Row>
      <Row label="Terms">{invoice.payment_terms}</Row>
      <Row label="Due">{formatDate(invoice.due_at)}</Row>
      <Row label="Paid at">{formatDate(invoice.paid_at)}</Row>
      <Row label="Issuing">
        {invoice.progress} ({invoice.attempts} attempt{invoice.attempts === 1 ? "" : "s"})
      </Row>
      {invoice.last_error ? <Row label="Last error">{invoice.last_error}</Row> : null}
      {invoice.last_payment_failure ? <Row label="Last payment failure">{invoice.last_payment_failure}</Row> : null}
    </div>
  )
}
