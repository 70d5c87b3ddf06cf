import Redis from "ioredis"
import { logger } from "@medusajs/framework/logger"
import { redisOptions } from "../../../lib/config/redis-options"
import type { OAuthRateLimitSettings } from "../../../lib/oauth/oauth-api-service"
import { OAuthError } from "../../../lib/oauth/oauth-error"
import { TokenRateLimiter, type RefusalReason, type TokenCaller } from "../../../lib/oauth/rate-limiter"

/** A token request must not hang on a slow Redis: past this it fails open. */
const REDIS_TIMEOUT_MS = 500

const DESCRIPTIONS: Record<RefusalReason, string> = {
  ip_requests: "too many token requests from this address",
  client_failures: "too many failed authentications for this client",
  ip_failures: "too many failed authentications from this address",
}

let cached: { key: string; redis: Redis; limiter: TokenRateLimiter } | undefined

/**
 * One limiter (and Redis connection) per process and settings. Both modules
 * pass the same settings, so /erp and /partners share it: the per-address
 * budgets count both token endpoints together.
 */
function tokenRateLimiter(settings: OAuthRateLimitSettings): TokenRateLimiter {
  const { redisUrl, queuePrefix, oauthRateLimit: limits } = settings
  const namespace = `${queuePrefix}-oauth`
  const key = JSON.stringify([redisUrl, namespace, limits])
  if (cached?.key !== key) {
    cached?.redis.disconnect()
    const redis = new Redis({ ...redisOptions(redisUrl), commandTimeout: REDIS_TIMEOUT_MS, maxRetriesPerRequest: 1 })
    // Outages surface as the limiter's fail-open warning, not as crashes.
    redis.on("error", () => undefined)
    const limiter = new TokenRateLimiter(redis, {
      namespace,
      limits: {
        clientFailures: limits.clientFailures,
        ipFailures: limits.ipFailures,
        failureWindowMs: limits.failureWindowSeconds * 1000,
        ipRequests: limits.ipRequestsPerMinute,
        requestWindowMs: 60_000,
      },
      warn: (message) => logger.warn(message),
    })
    cached = { key, redis, limiter }
  }
  return cached.limiter
}

/**
 * Call before checking a client secret. Throws `rate_limited` (429 with
 * Retry-After) when the caller is over a limit, so the secret is never
 * checked; otherwise returns `settle`, to call with the authentication result.
 */
export async function beginTokenAttempt(
  settings: OAuthRateLimitSettings,
  caller: TokenCaller
): Promise<{ settle(authenticated: boolean): Promise<void> }> {
  const attempt = await tokenRateLimiter(settings).begin(caller)
  if (attempt.allowed) return attempt
  const { reason, retryAfterSeconds } = attempt
  throw new OAuthError("rate_limited", `${DESCRIPTIONS[reason]}; retry after ${retryAfterSeconds} s`, retryAfterSeconds)
}
