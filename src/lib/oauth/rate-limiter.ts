import { createHash } from "node:crypto"
import type Redis from "ioredis"

/** Budgets of the token endpoints; windows are fixed (they start at the first hit). */
export type TokenLimits = {
  /** Failed authentications per client_id (per endpoint) in `failureWindowMs`. */
  clientFailures: number
  /** Failed authentications per caller IP, any client_id, in `failureWindowMs`. */
  ipFailures: number
  failureWindowMs: number
  /** Token requests per caller IP, good or bad, in `requestWindowMs`. */
  ipRequests: number
  requestWindowMs: number
}

export type RefusalReason = "ip_requests" | "client_failures" | "ip_failures"

export type TokenAttempt =
  | { allowed: true; settle(authenticated: boolean): Promise<void> }
  | { allowed: false; reason: RefusalReason; retryAfterSeconds: number }

export type TokenCaller = {
  /** Which token endpoint ("erp", "partners"): client_ids are per endpoint. */
  endpoint: string
  clientId: string
  /** The caller's address bucket (see callerAddress). */
  ip: string
}

const REASONS: RefusalReason[] = ["ip_requests", "client_failures", "ip_failures"]

// Every attempt is counted as a failure *before* the secret is checked and
// refunded once it succeeds. Checking first and counting after the (slow)
// scrypt would let a burst of parallel guesses all pass the check.
// KEYS: ip requests, client failures, ip failures.
// ARGV: ip request limit, request window ms, client limit, ip failure limit, failure window ms.
// Returns {0} when allowed, else {reason index, ms until the window ends}.
const BEGIN = `
local function hit(key, window)
  local n = redis.call('INCR', key)
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, window) end
  return n
end
if hit(KEYS[1], ARGV[2]) > tonumber(ARGV[1]) then return {1, redis.call('PTTL', KEYS[1])} end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then return {2, redis.call('PTTL', KEYS[2])} end
if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[4]) then return {3, redis.call('PTTL', KEYS[3])} end
hit(KEYS[2], ARGV[5])
hit(KEYS[3], ARGV[5])
return {0}
`

// A refund never creates a key nor goes below zero (the window may have ended meanwhile).
const REFUND = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
`

/** Only one warning a minute while Redis is down: every request would log otherwise. */
const WARN_EVERY_MS = 60_000

/**
 * Rate limits of the OAuth client-credentials endpoints, in Redis so that all
 * app processes share them. Fixed-window counters, updated atomically by Lua.
 */
export class TokenRateLimiter {
  private lastWarningAt = 0

  constructor(
    private readonly redis: Redis,
    /** `namespace` prefixes every key: one per deployment (and per test app) sharing a Redis. */
    private readonly options: { namespace: string; limits: TokenLimits; warn(message: string): void }
  ) {}

  /**
   * Counts the request and reserves one failure; refuses when a budget is
   * spent. Fails open: if Redis is unreachable the request goes through (and
   * we warn), because locking every ERP and partner out during a Redis outage
   * is worse than an unthrottled scrypt for a while.
   */
  async begin(caller: TokenCaller): Promise<TokenAttempt> {
    const { limits, namespace } = this.options
    const client = `${namespace}:fail:${caller.endpoint}:client:${digest(caller.clientId)}`
    const ipFailures = `${namespace}:fail:ip:${caller.ip}`
    const ipRequests = `${namespace}:req:ip:${caller.ip}`
    const args = [
      limits.ipRequests,
      limits.requestWindowMs,
      limits.clientFailures,
      limits.ipFailures,
      limits.failureWindowMs,
    ]
    let answer: [number, number?]
    try {
      answer = (await this.redis.eval(BEGIN, 3, ipRequests, client, ipFailures, ...args)) as [number, number?]
    } catch (error) {
      this.warnUnavailable(error)
      return { allowed: true, settle: async () => undefined }
    }
    const [code, ttlMs = 0] = answer
    if (code !== 0)
      return { allowed: false, reason: REASONS[code - 1], retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) }
    return {
      allowed: true,
      settle: async (authenticated) => {
        if (!authenticated) return // the reserved failure stands
        // A refund, not a reset: resetting would hand a guesser a fresh
        // budget each time the real client signs in.
        await this.redis.eval(REFUND, 2, client, ipFailures).catch((error) => this.warnUnavailable(error))
      },
    }
  }

  private warnUnavailable(error: unknown): void {
    if (Date.now() - this.lastWarningAt < WARN_EVERY_MS) return
    this.lastWarningAt = Date.now()
    const reason = error instanceof Error ? error.message : String(error)
    this.options.warn(`oauth token rate limit not applied, Redis unavailable (${reason}); letting requests through`)
  }
}

/** client_id is caller-chosen: hash it so keys stay short whatever is sent. */
function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 32)
}
