/**
 * Endpoint lifecycle for the partner and admin APIs: create (URL vetted
 * against SSRF, secret generated and shown once), update, secret rotation
 * with a grace period, test events, and the writes that undo them (the
 * compensations of src/workflows/outbox). Callers pass `partnerId` to scope
 * the call to one partner: another partner's endpoint is "not found".
 */
import { randomUUID } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import {
  DEFAULT_ROTATION_GRACE_MS,
  generateSecret,
  isReservedHeader,
  isValidSchedule,
  MAX_SCHEDULE_ATTEMPTS,
  rotateSecrets,
  validateEndpointUrl,
  type WebhookError,
} from "../../../../webhooks"
import type { EncryptionKeys } from "../../../lib/crypto/secret-box"
import { writeSecretRow } from "../../../lib/errors/secret-row-write"
import { ALL_EVENT_TYPES, SUBSCRIBABLE_EVENT_TYPES, WEBHOOK_TEST_EVENT } from "../catalogue"
import { openSecrets, sealSecrets, type StoredSecrets } from "./endpoint-secrets"
import { insertHubEvent } from "./insert-event"
import { webhookPolicy } from "./runtime"
import type { EndpointRow } from "./views"

export type EndpointInput = {
  url: string
  event_types: string[]
  description?: string | null
  headers?: Record<string, string> | null
  retry_schedule_ms?: number[] | null
  max_concurrency?: number | null
  rate_limit_per_second?: number | null
}

export type EndpointPatch = Partial<EndpointInput> & { enabled?: boolean }

/** Longest grace a rotated-out secret may keep signing (Svix allows 7 days). */
export const MAX_ROTATION_GRACE_MS = 7 * 24 * 60 * 60 * 1000

const invalid = (message: string, code?: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message, code)

export async function loadEndpoint(pg: Knex, id: string, partnerId?: string): Promise<EndpointRow> {
  const query = pg("webhook_endpoint").where({ id }).whereNull("deleted_at")
  if (partnerId) query.andWhere({ partner_id: partnerId })
  const row = (await query.first()) as EndpointRow | undefined
  if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook endpoint ${id} was not found`)
  return row
}

export async function createEndpoint(
  pg: Knex,
  keys: EncryptionKeys,
  partnerId: string,
  input: EndpointInput
): Promise<{ endpoint: EndpointRow; secret: string }> {
  const fields = await checkedFields(input)
  const secret = generateSecret()
  const now = new Date()
  // The id first: the sealed secret is bound to its row.
  const id = generateEntityId(undefined, "ep")
  const secrets = sealSecrets([{ secret, expiresAt: null }], keys, id)
  const [endpoint] = (await writeSecretRow("webhook endpoint", () =>
    pg("webhook_endpoint")
      .insert({
        id,
        partner_id: partnerId,
        ...fields,
        secrets,
        created_at: now,
        updated_at: now,
      })
      .returning("*")
  )) as EndpointRow[]
  return { endpoint, secret }
}

export async function updateEndpoint(
  pg: Knex,
  id: string,
  patch: EndpointPatch,
  partnerId?: string
): Promise<EndpointRow> {
  await loadEndpoint(pg, id, partnerId)
  const changes: Record<string, unknown> = await checkedFields(patch)
  if (patch.enabled === true) Object.assign(changes, { disabled_at: null, disabled_reason: null, failing_since: null })
  if (patch.enabled === false) Object.assign(changes, { disabled_at: new Date(), disabled_reason: "manual" })
  const [row] = (await pg("webhook_endpoint")
    .where({ id })
    .whereNull("deleted_at")
    .update({ ...changes, updated_at: new Date() })
    .returning("*")) as EndpointRow[]
  return row
}

/** The compensation of updateEndpoint: puts back every setting a patch can change. */
export async function restoreEndpointSettings(pg: Knex, previous: EndpointRow): Promise<void> {
  await pg("webhook_endpoint")
    .where({ id: previous.id })
    .update({
      url: previous.url,
      event_types: previous.event_types,
      description: previous.description,
      // jsonb columns: written as JSON text (a JS array would become a Postgres array literal).
      headers: previous.headers ? JSON.stringify(previous.headers) : null,
      schedule_ms: previous.schedule_ms ? JSON.stringify(previous.schedule_ms) : null,
      max_concurrency: previous.max_concurrency,
      rate_limit_per_second: previous.rate_limit_per_second,
      disabled_at: previous.disabled_at,
      disabled_reason: previous.disabled_reason,
      failing_since: previous.failing_since,
      updated_at: previous.updated_at,
    })
}

/**
 * A new secret signs from now on; the previous one(s) keep signing until the
 * grace period ends, so the partner can switch without rejecting deliveries.
 * `replaced` is what the endpoint held before, for restoreEndpointSecrets.
 */
export async function rotateEndpointSecret(
  pg: Knex,
  keys: EncryptionKeys,
  id: string,
  gracePeriodMs = DEFAULT_ROTATION_GRACE_MS,
  partnerId?: string
): Promise<{ endpoint: EndpointRow; secret: string; replaced: StoredSecrets }> {
  if (!(gracePeriodMs >= 0 && gracePeriodMs <= MAX_ROTATION_GRACE_MS)) {
    throw invalid(`grace_period_ms: must be between 0 and ${MAX_ROTATION_GRACE_MS} (7 days)`)
  }
  return await pg.transaction(async (trx) => {
    const current = (await trx("webhook_endpoint").where({ id }).whereNull("deleted_at").forUpdate().first()) as
      | EndpointRow
      | undefined
    if (!current || (partnerId && current.partner_id !== partnerId)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook endpoint ${id} was not found`)
    }
    const secret = generateSecret()
    const rotated = rotateSecrets(openSecrets(current.secrets, keys, id), secret, { gracePeriodMs })
    const secrets = sealSecrets(rotated, keys, id)
    const [endpoint] = (await writeSecretRow("webhook endpoint", () =>
      trx("webhook_endpoint").where({ id }).update({ secrets, updated_at: new Date() }).returning("*")
    )) as EndpointRow[]
    return { endpoint, secret, replaced: current.secrets }
  })
}

/** The compensation of rotateEndpointSecret: the endpoint signs with the secrets it had before. */
export async function restoreEndpointSecrets(pg: Knex, id: string, secrets: StoredSecrets): Promise<void> {
  await writeSecretRow("webhook endpoint", () =>
    pg("webhook_endpoint").where({ id }).update({ secrets, updated_at: new Date() })
  )
}

/** Records a `webhook.test` event for this endpoint only; returns its delivery for the caller to enqueue. */
export async function recordTestEvent(
  pg: Knex,
  id: string,
  partnerId?: string
): Promise<{ event_id: string; delivery_id: string }> {
  const endpoint = await loadEndpoint(pg, id, partnerId)
  if (endpoint.disabled_at)
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Webhook endpoint ${id} is disabled; enable it first`)
  const recorded = await pg.transaction((trx) =>
    insertHubEvent(trx, {
      type: WEBHOOK_TEST_EVENT,
      resource_type: "webhook_endpoint",
      resource_id: id,
      dedupe_key: `${WEBHOOK_TEST_EVENT}:${id}:${randomUUID()}`,
      data: { endpoint_id: id, message: "This is a test event from backy. Verify its signature and answer 2xx." },
      endpoint_ids: [id],
    })
  )
  return { event_id: recorded.event_id, delivery_id: recorded.webhook_delivery_ids[0] }
}

/** Semantic checks of an endpoint body (its shape is checked by the route's validator). */
async function checkedFields(input: Partial<EndpointInput>): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {}
  if (input.url !== undefined) {
    try {
      const { url } = await validateEndpointUrl(input.url, webhookPolicy())
      fields.url = url.toString()
    } catch (e) {
      const error = e as WebhookError
      if (typeof error?.code === "string" && error.code.startsWith("ERR_WEBHOOK_"))
        throw invalid(`url: ${error.message}`, error.code)
      throw e
    }
  }
  if (input.event_types !== undefined) {
    const unknown = input.event_types.filter(
      (t) => t !== ALL_EVENT_TYPES && !(SUBSCRIBABLE_EVENT_TYPES as readonly string[]).includes(t)
    )
    if (unknown.length) {
      throw invalid(`event_types: unknown or not subscribable: ${unknown.join(", ")} (see GET /partners/event-types)`)
    }
    fields.event_types = [...new Set(input.event_types)]
  }
  if (input.description !== undefined) fields.description = input.description
  if (input.headers !== undefined) {
    const reserved = Object.keys(input.headers ?? {}).filter(isReservedHeader)
    if (reserved.length)
      throw invalid(`headers: these headers are set by the delivery and cannot be configured: ${reserved.join(", ")}`)
    fields.headers = input.headers ? JSON.stringify(input.headers) : null
  }
  if (input.retry_schedule_ms !== undefined) {
    if (input.retry_schedule_ms && !isValidSchedule(input.retry_schedule_ms)) {
      throw invalid(
        `retry_schedule_ms: must hold 1 to ${MAX_SCHEDULE_ATTEMPTS} whole-millisecond delays, each between 0 and 7 days`
      )
    }
    fields.schedule_ms = input.retry_schedule_ms ? JSON.stringify(input.retry_schedule_ms) : null
  }
  if (input.max_concurrency !== undefined) fields.max_concurrency = input.max_concurrency
  if (input.rate_limit_per_second !== undefined) fields.rate_limit_per_second = input.rate_limit_per_second
  return fields
}
