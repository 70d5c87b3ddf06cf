import { StatusBadge, Text, Tooltip } from "@medusajs/ui"
import type { Endpoint } from "./types"

/** "98 %" of the latest deliveries that finished, or "—" while none has. */
export function successRate(endpoint: Endpoint): string {
  const rate = endpoint.health?.success_rate
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 1000) / 10} %`
}

/** Disabled (and why), failing, or healthy: the endpoint's state at a glance. */
export const EndpointStateBadge = ({ endpoint }: { endpoint: Endpoint }) => {
  if (!endpoint.enabled)
    return (
      <StatusBadge color="red">{`disabled${endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : ""}`}</StatusBadge>
    )
  if (endpoint.failing_since) return <StatusBadge color="orange">failing</StatusBadge>
  return <StatusBadge color="green">healthy</StatusBadge>
}

const BREAKER_COLOR = { closed: "green", "half-open": "orange", open: "red" } as const

/** The delivery workers' breaker for the endpoint; "unknown" when they run in another process. */
export const BreakerBadge = ({ endpoint }: { endpoint: Endpoint }) => {
  const breaker = endpoint.health?.breaker
  if (!breaker)
    return (
      <Tooltip content="Delivery workers run in another process; their breakers are not visible here">
        <StatusBadge color="grey">unknown</StatusBadge>
      </Tooltip>
    )
  return <StatusBadge color={BREAKER_COLOR[breaker]}>{breaker}</StatusBadge>
}

/** How the latest deliveries ended: "48 delivered · 2 failed · 1 retrying". */
export const RecentCounts = ({ endpoint }: { endpoint: Endpoint }) => {
  const h = endpoint.health
  if (!h || h.recent === 0)
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No deliveries yet
      </Text>
    )
  const parts = [`${h.delivered} delivered`, `${h.failed} failed`]
  if (h.retrying) parts.push(`${h.retrying} retrying`)
  if (h.pending - h.retrying > 0) parts.push(`${h.pending - h.retrying} queued`)
  return (
    <Text size="small" className="text-ui-fg-subtle">
      {`${parts.join(" · ")} of the latest ${h.recent}`}
    </Text>
  )
}
