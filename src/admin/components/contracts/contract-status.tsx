import { StatusBadge } from "@medusajs/ui"
import { inEffect, type AdminContract } from "./types"

/** In effect (green), active but outside its window (orange), terminated (grey). */
export const ContractStatus = ({ contract }: { contract: AdminContract }) => {
  if (contract.status === "terminated") return <StatusBadge color="grey">Terminated</StatusBadge>
  if (inEffect(contract)) return <StatusBadge color="green">In effect</StatusBadge>
  return <StatusBadge color="orange">Active, outside its dates</StatusBadge>
}
