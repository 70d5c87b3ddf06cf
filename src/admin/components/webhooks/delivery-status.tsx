import { StatusBadge } from "@medusajs/ui"
import type { DeliveryStatus } from "./types"

const COLOR: Record<DeliveryStatus, "green" | "red" | "orange" | "grey"> = {
  delivered: "green",
  failed: "red",
  pending: "orange",
  canceled: "grey",
}

/** A delivery's status as a coloured badge (pending shows whether it is retrying). */
export const DeliveryStatusBadge = ({ status, attempts }: { status: DeliveryStatus; attempts?: number }) => (
  <StatusBadge color={COLOR[status] ?? "grey"}>{status === "pending" && attempts ? "retrying" : status}</StatusBadge>
)
