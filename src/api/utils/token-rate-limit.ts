import Redis from "ioredis"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { logger } from "@medusajs/framework/logger"
import { loadHubConfig } from "../../lib/config/env"
import { redisOptions } from "../../lib/config/redis-options"
import { hubQueuePrefix } from "../../lib/config/queue-names"
import { oauthError } from "../../lib/oauth/client-credentials"
import { callerAddress } from "../../lib/oauth/caller-address"
import { TokenRateLimiter, type RefusalReason } from "../../lib/oauth/rate-limiter"

/** A token request must not hang on a slow Redis: past this it fails open. */
const REDIS_TIMEOUT_MS = 500

const DESCRIPTIONS: Record<RefusalReason, string> = {
  ip_requests: "too many token requests from this address",
  client_failures: "too many failed authentications for this client",
  ip_failures: "too many failed authentications from this address",
}

let cached: { key: string; redis: Redis; limiter: TokenRateLimiter } | undefined

/** One limiter (and Redis connection) per process and configuration. */
function tokenRateLimiter(): TokenRateLimiter {
  const { redisUrl, oauthRateLimit: limits } = loadHubConfig()
  const namespace = `${hubQueuePrefix()}-oauth`
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
 * Call before checking a client secret. Answers 429 with Retry-After and
 * returns undefined when the caller is over a limit (the secret is then never
 * checked); otherwise returns `settle`, to call with the authentication result.
 */
export async function beginTokenAttempt(
  req: MedusaRequest,
  res: MedusaResponse,
  endpoint: "erp" | "partners",
  clientId: string
): Promise<{ settle(authenticated: boolean): Promise<void> } | undefined> {
  const ip = callerAddress(req.ip ?? req.socket?.remoteAddress)
  const attempt = await tokenRateLimiter().begin({ endpoint, clientId, ip })
  if (attempt.allowed) return attempt
  res.setHeader("Retry-After", String(attempt.retryAfterSeconds))
  res
    .status(429)
    .json(oauthError("rate_limited", `${DESCRIPTIONS[attempt.reason]}; retry after ${attempt.retryAfterSeconds} s`))
  return undefined
}
