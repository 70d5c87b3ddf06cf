import { StatusBadge } from "@medusajs/ui"
import type { QuoteStatus } from "./types"

const COLORS: Record<QuoteStatus, "orange" | "green" | "red" | "grey" | "blue" | "purple"> = {
  requested: "orange",
  revision_requested: "orange",
  quoted: "blue",
  pending_approval: "purple",
  accepted: "green",
  rejected: "red",
  expired: "grey",
  withdrawn: "grey",
}

export const QuoteStatusBadge = ({ status }: { status: QuoteStatus }) => (
  <StatusBadge color={COLORS[status] ?? "grey"}>{status.replace("_", " ")}</StatusBadge>
)
