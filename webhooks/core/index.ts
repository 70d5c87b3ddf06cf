/**
 * The durability core shared by every delivery target (webhook endpoints, ERP
 * connections): the attempt vocabulary, the retry backoff and its jitter
 * rule, `Retry-After`, the per-key breaker registry and the write batcher.
 * Framework-free; `connectors/` may import it too. See README.md here.
 * @module
 */
export { outcomeForStatus } from "./outcome"
export type { DeliveryOutcome } from "./outcome"

export { backoffDelayMs, jitter, JITTER_RATIO } from "./backoff"
export type { ExponentialBackoff } from "./backoff"

export { honourRetryAfter, parseRetryAfter } from "./retry-after"
export type { RetryAfterBounds } from "./retry-after"

export { BreakerRegistry } from "./breaker-registry"
export type {
  BreakerAction,
  BreakerRegistryOptions,
  BreakerSettings,
  BreakerState,
  CreateBreakerOptions,
  KeyedBreaker,
} from "./breaker-registry"

export { createBatcher } from "./batcher"
export type { Batcher, BatcherOptions } from "./batcher"
