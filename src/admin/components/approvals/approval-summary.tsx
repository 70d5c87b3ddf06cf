import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate, formatMinor } from "../../lib/format"
import type { ApprovalCart, ApprovalRequest } from "./types"

type Props = {
  request: ApprovalRequest
  cart: ApprovalCart | null
  companyName: string
  personName: (id: string) => string
}

/** Who asked, for how much, until when, and what came of it. */
export const ApprovalSummary = ({ request, cart, companyName, personName }: Props) => {
  const rows: [string, React.ReactNode][] = [
    ["Company", companyName],
    ["Buyer", personName(request.employee_id)],
    ["Total", formatMinor(request.total_minor, request.currency_code)],
    ["PO number", cart?.po_number ?? "—"],
    ["Created", formatDate(request.created_at)],
    [request.status === "pending" ? "Expires" : "Decided", formatDate(request.decided_at ?? request.expires_at)],
    [
      "Credit override",
      request.credit_override ? "yes: the merchant's approval lets it go beyond the contract's credit" : "no",
    ],
    [
      "Order",
      request.order_id ? (
        <Link to={`/orders/${request.order_id}`} className="text-ui-fg-interactive hover:underline">
          {request.order_id}
        </Link>
      ) : (
        "—"
      ),
    ],
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
