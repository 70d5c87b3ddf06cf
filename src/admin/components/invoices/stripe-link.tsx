import { Text } from "@medusajs/ui"
import type { AdminInvoice } from "./types"

/** The buyer-facing hosted invoice page on Stripe, labelled with Stripe's invoice id. */
export const StripeLink = ({
  invoice,
}: {
  invoice: Pick<AdminInvoice, "hosted_invoice_url" | "stripe_invoice_id">
}) => {
  if (!invoice.stripe_invoice_id) return <Text size="small">not on Stripe yet</Text>
  if (!invoice.hosted_invoice_url) return <code className="font-mono text-xs">{invoice.stripe_invoice_id}</code>
  return (
    <a
      href={invoice.hosted_invoice_url}
      target="_blank"
      rel="noreferrer"
      className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover font-mono text-xs"
    >
      {invoice.stripe_invoice_id}
    </a>
  )
}
