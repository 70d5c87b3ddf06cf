/**
 * What the partner and admin APIs show of the hub's rows. Secrets never
 * appear here: a signing secret or client secret is returned once, by the
 * call that creates it, next to these views.
 */
import type { StoredSecrets } from "./endpoint-secrets"

export type EndpointRow = {
  id: string
  partner_id: string
  url: string
  description: string | null
  event_types: string[]
  secrets: StoredSecrets
  schedule_ms: number[] | null
  max_concurrency: number | null
  rate_limit_per_second: number | null
  headers: Record<string, string> | null
  disabled_at: Date | null
  disabled_reason: string | null
  failing_since: Date | null
  created_at: Date
  updated_at: Date
}

export type DeliveryRow = {
  id: string
  event_id: string
  event_type: string
  endpoint_id: string
  partner_id: string
  status: string
  attempts: number
  next_attempt_at: Date | null
  last_status_code: number | null
  last_error: string | null
  failure_reason: string | null
  created_at: Date
  completed_at: Date | null
}

export type AttemptRow = {
  attempt: number
  outcome: string
  status_code: number | null
  duration_ms: number
  response_body: string | null
  error: string | null
  created_at: Date
}

export type PartnerRow = {
  id: string
  name: string
  client_id: string
  scopes: string[] | null
  grant_sales_channel_ids: string[]
  grant_company_ids: string[]
  revoked_at: Date | null
  created_at: Date
  updated_at: Date
}

/** Response bodies are kept up to 20 KB (the sender's cap); listings show the start. */
const RESPONSE_PREVIEW_CHARS = 2_000

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export function endpointView(row: EndpointRow) {
  const keys = row.secrets?.keys ?? []
  const rotating = keys.filter((k) => k.expires_at && new Date(k.expires_at).getTime() > Date.now())
  return {
    id: row.id,
    partner_id: row.partner_id,
    url: row.url,
    description: row.description,
    event_types: row.event_types,
    headers: row.headers ?? {},
    retry_schedule_ms: row.schedule_ms,
    max_concurrency: row.max_concurrency,
    rate_limit_per_second: row.rate_limit_per_second,
    enabled: !row.disabled_at,
    disabled_at: iso(row.disabled_at),
    disabled_reason: row.disabled_reason,
    failing_since: iso(row.failing_since),
    /** Rotated-out secrets that still sign, and until when. */
    previous_secrets_expire_at: rotating.map((k) => iso(k.expires_at)),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  }
}

export function deliveryView(row: DeliveryRow) {
  return {
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    endpoint_id: row.endpoint_id,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === "pending" ? iso(row.next_attempt_at) : null,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    failure_reason: row.failure_reason,
    created_at: iso(row.created_at),
    completed_at: iso(row.completed_at),
  }
}

/** A page of the delivery log (pageDeliveries) as the APIs answer it. */
export function deliveryPageView(page: { deliveries: DeliveryRow[]; next_cursor: string | null }) {
  return { deliveries: page.deliveries.map(deliveryView), next_cursor: page.next_cursor }
}

/** One delivery with its attempt log and the signed payload (deliveryDetail). */
export function deliveryDetailView(detail: { delivery: DeliveryRow; attempts: AttemptRow[]; payload: unknown }) {
  return {
    delivery: deliveryView(detail.delivery),
    attempts: detail.attempts.map(attemptView),
    payload: detail.payload,
  }
}

export function attemptView(row: AttemptRow) {
  const body = row.response_body
  return {
    attempt: row.attempt,
    outcome: row.outcome,
    status_code: row.status_code,
    duration_ms: row.duration_ms,
    response_body: body && body.length > RESPONSE_PREVIEW_CHARS ? body.slice(0, RESPONSE_PREVIEW_CHARS) : body,
    response_truncated: !!body && body.length > RESPONSE_PREVIEW_CHARS,
    error: row.error,
    started_at: iso(row.created_at),
  }
}

export function partnerView(row: PartnerRow, defaultScopes: readonly string[]) {
  return {
    id: row.id,
    name: row.name,
    client_id: row.client_id,
    scopes: row.scopes ?? [...defaultScopes],
    /** Which business events its endpoints receive (src/modules/outbox/lib/partner-grants.ts). */
    grants: { sales_channel_ids: row.grant_sales_channel_ids ?? [], company_ids: row.grant_company_ids ?? [] },
    revoked_at: iso(row.revoked_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  }
}
