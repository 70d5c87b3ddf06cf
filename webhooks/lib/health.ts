/**
 * Endpoint health: an endpoint that has only failed for `disableAfterMs`
 * (default 5 days) is disabled; a 410 Gone disables it at once; any success
 * ends the failure streak. A streak older than `forgetAfterMs` (default twice
 * the disable window, as Svix does) is considered stale and restarts, so a
 * failure after a long silence does not disable an endpoint on the spot.
 * Pure: the dispatcher feeds it the signals of one result batch.
 * @module
 */
import { ENDPOINT_DISABLED_EVENT } from "./store"
import type { EndpointHealthUpdate } from "./store"

export const DEFAULT_DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000

export interface HealthSignal {
  endpointId: string
  deliveryId: string
  kind: "success" | "failure" | "gone"
  /** The endpoint's streak start as loaded with the delivery. */
  failingSince: Date | null
}

export interface HealthPolicy {
  now: Date
  disableAfterMs?: number
  forgetAfterMs?: number
}

/** One update per endpoint: gone beats success beats failure. */
export function planEndpointHealth(
  signals: readonly HealthSignal[],
  { now, disableAfterMs = DEFAULT_DISABLE_AFTER_MS, forgetAfterMs = 2 * disableAfterMs }: HealthPolicy
): EndpointHealthUpdate[] {
  const byEndpoint = new Map<string, HealthSignal[]>()
  for (const signal of signals) {
    const list = byEndpoint.get(signal.endpointId)
    if (list) list.push(signal)
    else byEndpoint.set(signal.endpointId, [signal])
  }
  const updates: EndpointHealthUpdate[] = []
  for (const [endpointId, list] of byEndpoint) {
    const gone = list.find((s) => s.kind === "gone")
    const since = earliest(list.map((s) => s.failingSince))
    if (gone) {
      updates.push(disable(endpointId, "gone", now, since, gone.deliveryId))
    } else if (list.some((s) => s.kind === "success")) {
      updates.push({ endpointId, kind: "recovered", at: now })
    } else if (!since || now.getTime() - since.getTime() > forgetAfterMs) {
      updates.push({ endpointId, kind: "failing", at: now, restart: since !== null })
    } else if (now.getTime() - since.getTime() >= disableAfterMs) {
      updates.push(disable(endpointId, "failing", now, since, list[0].deliveryId))
    } else {
      updates.push({ endpointId, kind: "failing", at: now, restart: false })
    }
  }
  return updates
}

function disable(
  endpointId: string,
  reason: "gone" | "failing",
  now: Date,
  failingSince: Date | null,
  deliveryId: string
): EndpointHealthUpdate {
  return {
    endpointId,
    kind: "disable",
    at: now,
    event: { name: ENDPOINT_DISABLED_EVENT, endpointId, reason, disabledAt: now, failingSince, deliveryId },
  }
}

function earliest(dates: readonly (Date | null)[]): Date | null {
  let min: Date | null = null
  for (const d of dates) if (d && (!min || d.getTime() < min.getTime())) min = d
  return min
}
