/**
 * Endpoint health for the operators' dashboard (Svix's and Convoy's endpoint
 * pages): how the endpoint's most recent deliveries ended, and its breaker.
 *
 * "Recent" is a count, not a time window: the last RECENT_DELIVERIES
 * deliveries of each endpoint, read newest first through delivery's
 * (target_type, target_id, created_at) index, so the cost per endpoint is
 * bounded whatever its traffic (a day of a busy endpoint's deliveries would not be).
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { BreakerState } from "../../../../webhooks"

/** How many of an endpoint's latest deliveries its health is computed from. */
export const RECENT_DELIVERIES = 100

export type EndpointHealth = {
  /** Deliveries looked at: the endpoint's latest, at most RECENT_DELIVERIES. */
  recent: number
  delivered: number
  failed: number
  /** Not finished yet; `retrying` of them have failed at least once. */
  pending: number
  retrying: number
  canceled: number
  /** delivered / (delivered + failed), 0–1; null while none has finished. */
  success_rate: number | null
  last_delivery_at: string | null
  /** This process's breaker for the endpoint; null when no delivery worker runs here. */
  breaker: BreakerState | null
}

type CountsRow = {
  endpoint_id: string
  recent: number
  delivered: number
  failed: number
  pending: number
  retrying: number
  canceled: number
  last_delivery_at: Date | null
}

/** Health of each endpoint in `endpointIds` (every one gets an entry, zeros when it has no delivery). */
export async function readEndpointHealth(
  pg: Knex,
  endpointIds: string[],
  breakerOf: (endpointId: string) => BreakerState | null
): Promise<Map<string, EndpointHealth>> {
  const health = new Map<string, EndpointHealth>()
  if (!endpointIds.length) return health
  const { rows } = await pg.raw<{ rows: CountsRow[] }>(
    `select ep.id as endpoint_id,
            count(r.status)::int as recent,
            count(*) filter (where r.status = 'delivered')::int as delivered,
            count(*) filter (where r.status = 'failed')::int as failed,
            count(*) filter (where r.status = 'pending')::int as pending,
            count(*) filter (where r.status = 'pending' and r.attempts > 0)::int as retrying,
            count(*) filter (where r.status = 'canceled')::int as canceled,
            max(r.created_at) as last_delivery_at
       from unnest(?::text[]) as ep(id)
       left join lateral (
         select d.status, d.attempts, d.created_at
           from delivery d
          where d.target_type = 'webhook_endpoint' and d.target_id = ep.id and d.deleted_at is null
          order by d.created_at desc
          limit ?
       ) r on true
      group by ep.id`,
    [endpointIds, RECENT_DELIVERIES]
  )
  for (const row of rows) {
    const finished = row.delivered + row.failed
    health.set(row.endpoint_id, {
      recent: row.recent,
      delivered: row.delivered,
      failed: row.failed,
      pending: row.pending,
      retrying: row.retrying,
      canceled: row.canceled,
      success_rate: finished ? row.delivered / finished : null,
      last_delivery_at: row.last_delivery_at ? new Date(row.last_delivery_at).toISOString() : null,
      breaker: breakerOf(row.endpoint_id),
    })
  }
  return health
}
