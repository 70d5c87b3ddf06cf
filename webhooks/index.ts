/**
 * backy webhook delivery: Standard Webhooks signing, retry schedule, SSRF
 * guard, per-endpoint breakers and gates, an undici sender, the staged
 * dispatcher and its BullMQ lanes. Framework-free: the app supplies the
 * `DeliveryStore` (Postgres outbox) and calls the producer and workers.
 * @module
 */
export {
  WebhookError,
  InvalidArgumentError,
  InvalidSecretError,
  InvalidScheduleError,
  InvalidEndpointUrlError,
  UnresolvableHostError,
  SsrfBlockedError,
  ClosedError,
  hasErrorCode,
} from "./lib/errors"
export type { WebhookErrorCode } from "./lib/errors"

export {
  SECRET_PREFIX,
  SIGNING_KEY_PREFIX,
  PUBLIC_KEY_PREFIX,
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
  DEFAULT_ROTATION_GRACE_MS,
  MAX_OLD_SECRETS,
  generateSecret,
  generateSigningKeyPair,
  parseSecret,
  parsePublicKey,
  sign,
  signatureHeaders,
  activeSecrets,
  rotateSecrets,
} from "./lib/signing"
export type { EndpointSecret, ParsedSecret, RotateOptions, SignInput, SignatureHeaders } from "./lib/signing"

export {
  DEFAULT_RETRY_SCHEDULE,
  OVERLOAD_FLOOR_MS,
  MAX_SCHEDULE_ATTEMPTS,
  MAX_SCHEDULE_DELAY_MS,
  nextDelay,
  isValidSchedule,
  validateSchedule,
} from "./lib/schedule"
export type { NextDelay, NextDelayInput } from "./lib/schedule"

export { outcomeForStatus } from "./core/outcome"
export type { DeliveryOutcome } from "./core/outcome"
export { backoffDelayMs, jitter, JITTER_RATIO } from "./core/backoff"
export type { ExponentialBackoff } from "./core/backoff"
export { honourRetryAfter, parseRetryAfter } from "./core/retry-after"
export type { RetryAfterBounds } from "./core/retry-after"
export { createBatcher } from "./core/batcher"
export type { Batcher, BatcherOptions } from "./core/batcher"
export { isOverload, countsAgainstBreaker, verdictFor } from "./lib/classify"
export type { Verdict } from "./lib/classify"

export { isReservedHeader, headerNameProblem, headerValueProblem } from "./lib/headers"

export { classifyAddress, validateEndpointUrl, assertSendableUrl, createPinnedLookup } from "./lib/ssrf"
export type {
  AddressClass,
  PinnedLookup,
  ResolveAll,
  ResolvedAddress,
  SsrfPolicy,
  ValidatedEndpointUrl,
} from "./lib/ssrf"

export { BreakerRegistry } from "./core/breaker-registry"
export type {
  BreakerAction,
  BreakerRegistryOptions,
  BreakerSettings,
  BreakerState,
  CreateBreakerOptions,
  KeyedBreaker,
} from "./core/breaker-registry"

export { createEndpointGate, RATE_WINDOW_MS } from "./lib/endpoint-gate"
export type { EndpointGate, EndpointGateOptions, GateLimits, Release, ShareOf } from "./lib/endpoint-gate"

export { splitLimit, partOf, rankFor } from "./lib/fair-share"
export type { ShareView } from "./lib/fair-share"
export { MembershipLedger, ACK_ANY } from "./lib/membership-ledger"
export type { MembershipSnapshot } from "./lib/membership-ledger"
export { membershipKeys } from "./lib/membership-script"
export { createWorkerMembership } from "./lib/worker-membership"
export type {
  CreateWorkerMembershipOptions,
  SharedGate,
  WorkerMembership,
  WorkerMembershipOptions,
} from "./lib/worker-membership"

export { createSender } from "./lib/sender"
export type { OriginTuning, SendRequest, SendResult, Sender, SenderOptions } from "./lib/sender"

export { ENDPOINT_DISABLED_EVENT } from "./lib/store"
export type {
  AttemptRecord,
  DeliveryFailureReason,
  DeliveryStore,
  DeliveryUpdate,
  DispatchClaim,
  DispatchableDelivery,
  EndpointConfig,
  EndpointDisabledEvent,
  EndpointHealthUpdate,
  ResultBatch,
  WebhookEventPayload,
} from "./lib/store"

export { DEFAULT_DISABLE_AFTER_MS, planEndpointHealth } from "./lib/health"
export type { HealthPolicy, HealthSignal } from "./lib/health"

export type { WebhookLogger } from "./lib/log"
export { createDispatcher } from "./lib/dispatcher"
export type { AdmittedBatch, Dispatcher, DispatcherOptions, DispatchSummary } from "./lib/dispatcher"
export type { ScheduledRetry } from "./lib/result-batcher"

export {
  LANES,
  DEFAULT_QUEUE_PREFIX,
  DEFAULT_BATCH_SIZE,
  DELIVER_JOB_NAME,
  DELIVERY_JOB_OPTIONS,
  createWebhookProducer,
} from "./lib/queues"
export type { DeliveryJobData, EnqueueOptions, Lane, WebhookProducer, WebhookQueueOptions } from "./lib/queues"

export { startWebhookWorkers } from "./lib/worker"
export { closeBullmq } from "./lib/close-bullmq"
export type { DeliveryJobResult, WebhookWorkers, WebhookWorkersOptions } from "./lib/worker"
