/**
 * Errors thrown by the webhook library. Every class pins a stable `code`
 * (statically and on the instance) so callers and tests branch on the code,
 * not on `instanceof`, which breaks across realms and bundles.
 * @module
 */

export type WebhookErrorCode =
  | "ERR_WEBHOOK_INVALID_ARGUMENT"
  | "ERR_WEBHOOK_INVALID_SECRET"
  | "ERR_WEBHOOK_INVALID_SCHEDULE"
  | "ERR_WEBHOOK_INVALID_URL"
  | "ERR_WEBHOOK_UNRESOLVABLE_HOST"
  | "ERR_WEBHOOK_SSRF_BLOCKED"
  | "ERR_WEBHOOK_CLOSED"

export abstract class WebhookError extends Error {
  abstract readonly code: WebhookErrorCode
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = this.constructor.name
  }
}

/** A caller passed a value the library cannot work with (e.g. a webhook id containing "."). */
export class InvalidArgumentError extends WebhookError {
  static readonly code = "ERR_WEBHOOK_INVALID_ARGUMENT"
  readonly code = "ERR_WEBHOOK_INVALID_ARGUMENT"
}

/** A signing secret is malformed: wrong prefix, not base64, or outside 24–64 bytes. */
export class InvalidSecretError extends WebhookError {
  static readonly code = "ERR_WEBHOOK_INVALID_SECRET"
  readonly code = "ERR_WEBHOOK_INVALID_SECRET"
}

/** A retry schedule is empty, too long, or holds a negative / non-finite delay. */
export class InvalidScheduleError extends WebhookError {
  static readonly code = "ERR_WEBHOOK_INVALID_SCHEDULE"
  readonly code = "ERR_WEBHOOK_INVALID_SCHEDULE"
}

/** An endpoint URL cannot be used: unparsable, wrong scheme, or carrying credentials. */
export class InvalidEndpointUrlError extends WebhookError {
  static readonly code = "ERR_WEBHOOK_INVALID_URL"
  readonly code = "ERR_WEBHOOK_INVALID_URL"
}

/** DNS returned no address for the endpoint host. */
export class UnresolvableHostError extends WebhookError {
  static readonly code = "ERR_WEBHOOK_UNRESOLVABLE_HOST"
  readonly code = "ERR_WEBHOOK_UNRESOLVABLE_HOST"
}

/**
 * The endpoint resolves to an address webhooks must never reach (loopback,
 * private, metadata, …) and neither the host nor the address is allowlisted.
 */
export class SsrfBlockedError extends WebhookError {
  static readonly code = "ERR_WEBHOOK_SSRF_BLOCKED"
  readonly code = "ERR_WEBHOOK_SSRF_BLOCKED"

  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: string
  ) {
    super(`Blocked webhook destination ${host}: ${address} is a ${addressClass} address`)
  }
}

/** The component was closed and takes no more work. */
export class ClosedError extends WebhookError {
  static readonly code = "ERR_WEBHOOK_CLOSED"
  readonly code = "ERR_WEBHOOK_CLOSED"
}

/** True when `error` carries `code`, whether or not it is an instance of our classes. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code
}
