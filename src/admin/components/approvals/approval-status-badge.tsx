import { StatusBadge } from "@medusajs/ui"
import type { ApprovalStatus } from "./types"

const COLORS: Record<ApprovalStatus, "orange" | "green" | "red" | "grey"> = {
  pending: "orange",
  approved: "green",
  rejected: "red",
  expired: "grey",
  canceled: "grey",
}

export const ApprovalStatusBadge = ({ status }: { status: ApprovalStatus }) => (
  <StatusBadge color={COLORS[status] ?? "grey"}>{status}</StatusBadge>
)
