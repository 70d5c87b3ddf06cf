/** The admin webhook API's answers, as the dashboard reads them (src/modules/outbox/lib/views.ts). */

export type PartnerGrants = { sales_channel_ids: string[]; company_ids: string[] }

export type Partner = {
  id: string
  name: string
  client_id: string
  scopes: string[]
  grants: PartnerGrants
  revoked_at: string | null
  created_at: string
}

export type BreakerState = "closed" | "open" | "half-open"

export type EndpointHealth = {
  recent: number
  delivered: number
  failed: number
  pending: number
  retrying: number
  canceled: number
  success_rate: number | null
  last_delivery_at: string | null
  breaker: BreakerState | null
}

export type Endpoint = {
  id: string
  partner_id: string
  url: string
  description: string | null
  event_types: string[]
  headers: Record<string, string>
  retry_schedule_ms: number[] | null
  max_concurrency: number | null
  rate_limit_per_second: number | null
  enabled: boolean
  disabled_at: string | null
  disabled_reason: string | null
  failing_since: string | null
  previous_secrets_expire_at: string[]
  created_at: string
  health?: EndpointHealth
}

export type DeliveryStatus = "pending" | "delivered" | "failed" | "canceled"

export type Delivery = {
  id: string
  event_id: string
  event_type: string
  endpoint_id: string
  status: DeliveryStatus
  attempts: number
  next_attempt_at: string | null
  last_status_code: number | null
  last_error: string | null
  failure_reason: string | null
  created_at: string
  completed_at: string | null
}

export type Attempt = {
  attempt: number
  outcome: string
  status_code: number | null
  duration_ms: number
  response_body: string | null
  response_truncated: boolean
  error: string | null
  started_at: string | null
}

export type DeliveryPage = { deliveries: Delivery[]; next_cursor: string | null }
export type DeliveryDetail = { delivery: Delivery; attempts: Attempt[]; payload: unknown }
export type EventType = { type: string; resource: string; description: string; subscribable: boolean }

/** Where the admin API keeps webhooks; every mutation invalidates the cached GETs below it. */
export const WEBHOOKS_API = "/admin/webhooks"
