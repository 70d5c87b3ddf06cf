import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import { formatDate } from "../../lib/format"
import type { QuoteWithHistory } from "./types"

type Props = { quote: QuoteWithHistory; companyName: string; personName: (id: string) => string }

const link = (to: string, text: string) => (
  <Link to={to} className="text-ui-fg-interactive hover:underline">
    {text}
  </Link>
)

/** Who asked, which version the buyer holds, until when, and what acceptance produced. */
export const QuoteSummary = ({ quote, companyName, personName }: Props) => {
  const rows: [string, ReactNode][] = [
    ["Company", companyName],
    ["Buyer", personName(quote.employee_id)],
    ["PO number", quote.po_number ?? "—"],
    ["Currency", quote.currency_code.toUpperCase()],
    ["Latest version", `v${quote.latest_version}`],
    [
      "Sent to the buyer",
      quote.sent_version ? `v${quote.sent_version} on ${formatDate(quote.sent_at)}` : "nothing yet",
    ],
    ["Buyer may accept until", formatDate(quote.expires_at)],
    ["Accepted", quote.accepted_version ? `v${quote.accepted_version}` : "—"],
    [
      "Approval",
      quote.approval_request_id ? link(`/approvals/${quote.approval_request_id}`, quote.approval_request_id) : "—",
    ],
    ["Order", quote.order_id ? link(`/orders/${quote.order_id}`, quote.order_id) : "—"],
    ["Created", formatDate(quote.created_at)],
    ["Closed", formatDate(quote.closed_at)],
  ]
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-2 px-6 py-4 md:grid-cols-2">
      {rows.map(([label, value]) => (
        <div key={label} className="grid grid-cols-2 gap-4">
          <dt>
            <Text size="small" className="text-ui-fg-subtle">
              {label}
            </Text>
          </dt>
          <dd className="txt-small">{value}</dd>
        </div>
      ))}
    </dl>
  )
}
