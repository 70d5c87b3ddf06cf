import { StatusBadge } from "@medusajs/ui"
import type { AdminInvoice } from "./types"

const COLORS: Record<string, "green" | "red" | "orange" | "blue" | "grey" | "purple"> = {
  paid: "green",
  open: "blue",
  draft: "orange",
  pending: "orange",
  uncollectible: "red",
  void: "grey",
}

/** The invoice's Stripe status, "overdue" when it is open past its due date. */
export const InvoiceStatusBadge = ({ invoice }: { invoice: Pick<AdminInvoice, "status" | "overdue"> }) =>
  invoice.overdue ? (
    <StatusBadge color="red">overdue</StatusBadge>
  ) : (
    <StatusBadge color={COLORS[invoice.status] ?? "grey"}>{invoice.status}</StatusBadge>
  )
