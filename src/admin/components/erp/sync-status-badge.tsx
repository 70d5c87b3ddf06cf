import { StatusBadge } from "@medusajs/ui"

const COLORS: Record<string, "green" | "red" | "orange" | "grey"> = {
  delivered: "green",
  failed: "red",
  pending: "orange",
  canceled: "grey",
}

/** An ERP sync's state; a delivered sync reads "synced". */
export const SyncStatusBadge = ({ status }: { status: string }) => (
  <StatusBadge color={COLORS[status] ?? "grey"}>{status === "delivered" ? "synced" : status}</StatusBadge>
)
