import { parseTrustProxy, type TrustProxy } from "../oauth/trusted-proxies"

/**
 * The hub's configuration, read once from the environment with local defaults.
 * Every variable is listed in README.md ("Configuration"). A missing or invalid
 * value fails at start with a message that names the variable.
 */

export class ConfigError extends Error {
  readonly code = "invalid_config"
  constructor(
    readonly variable: string,
    detail: string
  ) {
    super(`Invalid configuration: ${variable} ${detail}`)
    this.name = "ConfigError"
  }
}

export type WorkerMode = "shared" | "server" | "worker"

export type HubConfig = {
  nodeEnv: string
  isProduction: boolean
  databaseUrl: string
  redisUrl: string
  workerMode: WorkerMode
  jwtSecret: string
  cookieSecret: string
  storeCors: string
  adminCors: string
  authCors: string
  /** Medusa's own infrastructure on Redis (event bus, workflow engine, locking). */
  medusaRedisModules: boolean
  /**
   * Serve Medusa's admin dashboard with backy's pages at /app (ADMIN_DASHBOARD,
   * default true). `medusa start` then needs `npm run build` first; a worker
   * process never serves it.
   */
  adminDashboard: boolean
  /**
   * This deployment's namespace in Redis (HUB_QUEUE_PREFIX): the hub's queues
   * and counters, and Medusa's own queues, locks and sessions (./medusa-redis.ts).
   * Deployments sharing a Redis need different values.
   */
  queuePrefix: string
  /**
   * How long a worker holds an ERP sync it claimed (ERP_LEASE_MS, default 5 min):
   * longer than any one sync, and how long a sync claimed by a worker that died waits.
   */
  erpLeaseMs: number
  /**
   * How often a worker checks that Redis still holds the schedules of Medusa's
   * scheduled jobs, and registers lost ones again (JOB_SCHEDULE_CHECK_MS, default 30 s;
   * src/lib/jobs/schedule-keeper.ts). Only with MEDUSA_REDIS_MODULES.
   */
  jobScheduleCheckMs: number
  /** 32-byte key (base64) that encrypts secrets at rest. */
  encryptionKey: string
  /** Keys being rotated out (ENCRYPTION_KEYS_PREVIOUS): they open secrets sealed under them, never seal. */
  previousEncryptionKeys: string[]
  stripe: {
    apiKey: string
    webhookSecret: string
    /** Set to reach a local Stripe sandbox instead of api.stripe.com. */
    apiBase?: URL
    /** Per-request timeout of the hub's Stripe client (STRIPE_TIMEOUT_MS). */
    timeoutMs: number
    /** SDK-level retries of connection errors / 5xx, same idempotency key (STRIPE_MAX_NETWORK_RETRIES). */
    maxNetworkRetries: number
  }
  webhooks: {
    /** Hosts/CIDRs partners may point at although they are private (loopback in the demo). */
    allowlist: string[]
    allowHttp: boolean
  }
  erp: {
    /** When set, the demo/first-run creates an ERP connection pointing here. */
    defaultUrl?: string
  }
  /** Limits of the OAuth token endpoints (/erp and /partners), counted in Redis. */
  oauthRateLimit: {
    /** Failed authentications per client_id per window, then 429 even with the right secret (OAUTH_CLIENT_FAILURE_LIMIT). */
    clientFailures: number
    /** Failed authentications per caller IP per window, any client_id (OAUTH_IP_FAILURE_LIMIT). */
    ipFailures: number
    /** Window of both failure counts, in seconds (OAUTH_FAILURE_WINDOW_SECONDS). */
    failureWindowSeconds: number
    /** Token requests per caller IP per minute, good or bad (OAUTH_IP_REQUESTS_PER_MINUTE). */
    ipRequestsPerMinute: number
    /** Proxies whose X-Forwarded-For names the caller for the per-IP limits (TRUST_PROXY); none by default. */
    trustProxy: TrustProxy
  }
  /** GET /metrics (Prometheus) and the worker processes' own metrics listener. */
  metrics: {
    /** Bearer token scrapers send (METRICS_TOKEN); unset, /metrics answers 404. Never logged. */
    token?: string
    /** A worker process (WORKER_MODE=worker) serves its metrics on this port (METRICS_PORT); unset, it serves none. */
    port?: number
    /** Address of that listener (METRICS_HOST), loopback by default. */
    host: string
  }
  /** What `GET /health/ready` tolerates before it answers 503 (src/api/health/ready). */
  readiness: {
    /** Seconds the oldest due webhook delivery may wait for a worker (READY_MAX_WEBHOOK_BACKLOG_SECONDS; 0: never fail on it). */
    maxWebhookBacklogSeconds: number
    /** Seconds the oldest due ERP sync may wait for a worker (READY_MAX_ERP_BACKLOG_SECONDS; 0: never fail on it). */
    maxErpBacklogSeconds: number
    /** Each check's own deadline, in milliseconds (READY_CHECK_TIMEOUT_MS). */
    checkTimeoutMs: number
  }
}

type Env = Record<string, string | undefined>

const DEV_SECRET = "backy-dev-only-secret"
const DEV_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64")

function read(env: Env, name: string, fallback?: string): string {
  const value = env[name]
  if (value === undefined || value === "") {
    if (fallback === undefined) throw new ConfigError(name, "is required")
    return fallback
  }
  return value
}

function readUrl(env: Env, name: string, fallback: string | undefined, protocols: string[]): string {
  const raw = read(env, name, fallback)
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(name, `is not a URL: "${redact(raw)}"`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(" or ")} (got ${url.protocol})`)
  }
  return raw
}

function redact(value: string): string {
  return value.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@")
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === "") return fallback
  if (["1", "true", "yes"].includes(raw.toLowerCase())) return true
  if (["0", "false", "no"].includes(raw.toLowerCase())) return false
  throw new ConfigError(name, `must be true or false (got "${raw}")`)
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name, String(fallback))
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer ${min}-${max} (got "${raw}")`)
  }
  return value
}

/**
 * The prefix becomes part of Redis key names and BullMQ prefixes
 * ("<prefix>-erp:<queue>:…", "<prefix>-medusa:events-queue:…"). Without ":" in
 * it, the ":" that follows it keeps every deployment's keys apart.
 */
const QUEUE_PREFIX = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

function readQueuePrefix(env: Env): string {
  const value = read(env, "HUB_QUEUE_PREFIX", "backy")
  if (!QUEUE_PREFIX.test(value)) {
    throw new ConfigError(
      "HUB_QUEUE_PREFIX",
      `must be 1-64 letters, digits, "-" or "_", starting with a letter or digit (got "${value}")`
    )
  }
  return value
}

function readSecret(env: Env, name: string, isProduction: boolean): string {
  const value = env[name]
  if (!value) {
    if (isProduction) throw new ConfigError(name, "is required when BACKY_ENV=production")
    return DEV_SECRET
  }
  if (isProduction && value.length < 32)
    throw new ConfigError(name, "must be at least 32 characters when BACKY_ENV=production")
  return value
}

function readEncryptionKey(env: Env, isProduction: boolean): string {
  const value = env.ENCRYPTION_KEY
  if (!value) {
    if (isProduction) throw new ConfigError("ENCRYPTION_KEY", "is required when BACKY_ENV=production")
    return DEV_ENCRYPTION_KEY
  }
  if (Buffer.from(value, "base64").length !== 32) {
    throw new ConfigError("ENCRYPTION_KEY", "must be 32 bytes, base64-encoded (openssl rand -base64 32)")
  }
  return value
}

function readTrustProxy(env: Env): TrustProxy {
  try {
    return parseTrustProxy(env.TRUST_PROXY ?? "")
  } catch (e) {
    throw new ConfigError("TRUST_PROXY", (e as Error).message)
  }
}

/** A bearer token for scrapers: long enough not to be guessed, and sendable in a header as is. */
function readMetricsToken(env: Env): string | undefined {
  const value = env.METRICS_TOKEN
  if (!value) return undefined
  // The value itself never appears in a message.
  if (value.length < 16) throw new ConfigError("METRICS_TOKEN", "must be at least 16 characters")
  if (!/^[\x21-\x7e]+$/.test(value))
    throw new ConfigError("METRICS_TOKEN", "must be printable ASCII without spaces (it travels in a header)")
  return value
}

/** Comma-separated old values of ENCRYPTION_KEY; each is checked as ENCRYPTION_KEY is. */
function readPreviousEncryptionKeys(env: Env): string[] {
  const keys = (env.ENCRYPTION_KEYS_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
  keys.forEach((key, i) => {
    if (Buffer.from(key, "base64").length !== 32) {
      throw new ConfigError("ENCRYPTION_KEYS_PREVIOUS", `entry ${i + 1} must be 32 bytes, base64-encoded`)
    }
  })
  return keys
}

export function loadHubConfig(env: Env = process.env): HubConfig {
  // Not NODE_ENV: `medusa start` forces NODE_ENV=production even on a laptop.
  // BACKY_ENV=production turns the development defaults (secrets, Stripe
  // sandbox key, plain-http webhooks) into hard requirements.
  const nodeEnv = read(env, "BACKY_ENV", "development")
  if (!["development", "test", "production"].includes(nodeEnv)) {
    throw new ConfigError("BACKY_ENV", `must be development, test or production (got "${nodeEnv}")`)
  }
  const isProduction = nodeEnv === "production"

  const workerMode = read(env, "WORKER_MODE", "shared")
  if (!["shared", "server", "worker"].includes(workerMode)) {
    throw new ConfigError("WORKER_MODE", `must be shared, server or worker (got "${workerMode}")`)
  }

  const stripeApiKey = read(env, "STRIPE_API_KEY", isProduction ? undefined : "sk_test_backy_sandbox")
  if (!/^(sk|rk)_(test|live)_/.test(stripeApiKey)) {
    throw new ConfigError("STRIPE_API_KEY", "must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)")
  }
  const stripeApiBase = env.STRIPE_API_BASE
    ? new URL(readUrl(env, "STRIPE_API_BASE", undefined, ["http:", "https:"]))
    : undefined

  return {
    nodeEnv,
    isProduction,
    databaseUrl: readUrl(env, "DATABASE_URL", "postgres://postgres@localhost:5432/backy", ["postgres:", "postgresql:"]),
    redisUrl: readUrl(env, "REDIS_URL", "redis://127.0.0.1:6379", ["redis:", "rediss:"]),
    workerMode: workerMode as WorkerMode,
    jwtSecret: readSecret(env, "JWT_SECRET", isProduction),
    cookieSecret: readSecret(env, "COOKIE_SECRET", isProduction),
    storeCors: read(env, "STORE_CORS", "http://localhost:8000"),
    adminCors: read(env, "ADMIN_CORS", "http://localhost:9000,http://localhost:5173"),
    authCors: read(env, "AUTH_CORS", "http://localhost:8000,http://localhost:9000,http://localhost:5173"),
    medusaRedisModules: readBoolean(env, "MEDUSA_REDIS_MODULES", true),
    adminDashboard: readBoolean(env, "ADMIN_DASHBOARD", true),
    queuePrefix: readQueuePrefix(env),
    erpLeaseMs: readInteger(env, "ERP_LEASE_MS", 300_000, 10_000, 3_600_000),
    jobScheduleCheckMs: readInteger(env, "JOB_SCHEDULE_CHECK_MS", 30_000, 1_000, 3_600_000),
    encryptionKey: readEncryptionKey(env, isProduction),
    previousEncryptionKeys: readPreviousEncryptionKeys(env),
    stripe: {
      apiKey: stripeApiKey,
      webhookSecret: read(env, "STRIPE_WEBHOOK_SECRET", isProduction ? undefined : "whsec_backy_dev_only"),
      apiBase: stripeApiBase,
      timeoutMs: readInteger(env, "STRIPE_TIMEOUT_MS", 20_000, 100, 600_000),
      maxNetworkRetries: readInteger(env, "STRIPE_MAX_NETWORK_RETRIES", 2, 0, 10),
    },
    webhooks: {
      allowlist: (env.WEBHOOK_ALLOWLIST ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      allowHttp: readBoolean(env, "WEBHOOK_ALLOW_HTTP", !isProduction),
    },
    erp: {
      defaultUrl: env.ERP_URL ? readUrl(env, "ERP_URL", undefined, ["http:", "https:"]) : undefined,
    },
    // Defaults: 10 wrong secrets per client per 5 min stops brute force of one
    // client; 30 per IP stops spraying many client_ids; 60 requests/min is far
    // above a real client's need (a token lasts 10 minutes).
    oauthRateLimit: {
      clientFailures: readInteger(env, "OAUTH_CLIENT_FAILURE_LIMIT", 10, 1, 100_000),
      ipFailures: readInteger(env, "OAUTH_IP_FAILURE_LIMIT", 30, 1, 100_000),
      failureWindowSeconds: readInteger(env, "OAUTH_FAILURE_WINDOW_SECONDS", 300, 1, 86_400),
      ipRequestsPerMinute: readInteger(env, "OAUTH_IP_REQUESTS_PER_MINUTE", 60, 1, 1_000_000),
      trustProxy: readTrustProxy(env),
    },
    // A healthy worker takes a due delivery within seconds (the reconciler
    // re-enqueues one Redis lost after 15 s): minutes of waiting mean the
    // workers are down or far behind. ERP syncs get longer, since an ERP takes
    // a connection's few slots at its own pace. Probes wait 1-10 s for an answer.
    readiness: {
      maxWebhookBacklogSeconds: readInteger(env, "READY_MAX_WEBHOOK_BACKLOG_SECONDS", 300, 0, 604_800),
      maxErpBacklogSeconds: readInteger(env, "READY_MAX_ERP_BACKLOG_SECONDS", 900, 0, 604_800),
      checkTimeoutMs: readInteger(env, "READY_CHECK_TIMEOUT_MS", 2_000, 50, 60_000),
    },
    metrics: {
      token: readMetricsToken(env),
      port: env.METRICS_PORT ? readInteger(env, "METRICS_PORT", 0, 1, 65_535) : undefined,
      host: read(env, "METRICS_HOST", "127.0.0.1"),
    },
  }
}
