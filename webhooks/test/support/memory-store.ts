/**
 * In-memory DeliveryStore for tests only: it follows the contract documented
 * on `DeliveryStore` (claim with lease + token, idempotent attempt rows,
 * pending-only updates, disable-once events) so the dispatcher's decisions can
 * be checked without Postgres. The app ships the real implementation.
 */
import type {
  AttemptRecord,
  DeliveryStore,
  DispatchClaim,
  DispatchableDelivery,
  EndpointConfig,
  EndpointDisabledEvent,
  ResultBatch,
  WebhookEventPayload,
} from "../../index"

export interface StoredDelivery {
  id: string
  endpointId: string
  event: WebhookEventPayload
  status: "pending" | "delivered" | "failed"
  attempts: number
  nextAttemptAt: number
  leaseUntil: number
  claimToken: string | null
  reason?: string
  deferrals: number
}

export class MemoryStore implements DeliveryStore {
  readonly endpoints = new Map<string, EndpointConfig>()
  readonly deliveries = new Map<string, StoredDelivery>()
  readonly attempts: AttemptRecord[] = []
  private readonly attemptKeys = new Set<string>()
  readonly events: EndpointDisabledEvent[] = []
  readonly batches: ResultBatch[] = []
  loadCalls = 0
  /** Makes the next recordResults call fail once (infrastructure trouble). */
  failNextRecord = false

  addEndpoint(endpoint: Partial<EndpointConfig> & Pick<EndpointConfig, "id" | "url" | "secrets">): EndpointConfig {
    const full: EndpointConfig = { disabled: false, failingSince: null, ...endpoint }
    this.endpoints.set(full.id, full)
    return full
  }

  addDelivery(id: string, endpointId: string, event?: Partial<WebhookEventPayload>, attempts = 0): StoredDelivery {
    const delivery: StoredDelivery = {
      id,
      endpointId,
      event: { id: `msg_${id}`, type: "order.placed", body: JSON.stringify({ delivery: id }), ...event },
      status: "pending",
      attempts,
      nextAttemptAt: 0,
      leaseUntil: 0,
      claimToken: null,
      deferrals: 0,
    }
    this.deliveries.set(id, delivery)
    return delivery
  }

  get(id: string): StoredDelivery {
    const d = this.deliveries.get(id)
    if (!d) throw new Error(`no delivery ${id}`)
    return d
  }

  attemptsOf(id: string): AttemptRecord[] {
    return this.attempts.filter((a) => a.deliveryId === id)
  }

  async loadForDispatch(ids: readonly string[], claim: DispatchClaim): Promise<DispatchableDelivery[]> {
    this.loadCalls++
    const now = claim.now.getTime()
    const out: DispatchableDelivery[] = []
    for (const id of ids) {
      const d = this.deliveries.get(id)
      if (!d || d.status !== "pending" || d.nextAttemptAt > now || d.leaseUntil >= now) continue
      if (claim.skipEndpointIds?.includes(d.endpointId)) continue
      d.leaseUntil = claim.leaseUntil.getTime()
      d.claimToken = claim.claimToken
      const endpoint = this.endpoints.get(d.endpointId)
      if (!endpoint) continue
      out.push({ id, attempts: d.attempts, event: d.event, endpoint: { ...endpoint } })
    }
    return out
  }

  async recordResults(batch: ResultBatch): Promise<void> {
    if (this.failNextRecord) {
      this.failNextRecord = false
      throw new Error("store unavailable")
    }
    this.batches.push(batch)
    for (const attempt of batch.attempts) {
      const key = `${attempt.deliveryId}#${attempt.attemptNumber}`
      if (this.attemptKeys.has(key)) continue
      this.attemptKeys.add(key)
      this.attempts.push(attempt)
    }
    for (const update of batch.deliveries) {
      const d = this.deliveries.get(update.deliveryId)
      if (!d || d.status !== "pending" || d.claimToken !== update.claimToken) continue
      d.attempts = update.attempts
      d.leaseUntil = 0
      d.claimToken = null
      d.status = update.status
      if (update.status === "pending") {
        d.nextAttemptAt = update.nextAttemptAt.getTime()
        if (update.deferredBy) d.deferrals++
      }
      if (update.status === "failed") d.reason = update.reason
    }
    for (const update of batch.endpoints) {
      const endpoint = this.endpoints.get(update.endpointId)
      if (!endpoint) continue
      if (update.kind === "recovered") endpoint.failingSince = null
      else if (update.kind === "failing") {
        endpoint.failingSince = update.restart ? update.at : (endpoint.failingSince ?? update.at)
      } else if (!endpoint.disabled) {
        endpoint.disabled = true
        this.events.push(update.event)
      }
    }
  }

  /** Makes every pending delivery due now (a test's stand-in for waiting out a retry delay). */
  makeDue(): void {
    for (const d of this.deliveries.values()) if (d.status === "pending") d.nextAttemptAt = 0
  }
}
