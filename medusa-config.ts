import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { loadHubConfig } from "./src/lib/config/env"
import { medusaRedisModules, medusaRedisNamespaces } from "./src/lib/config/medusa-redis"
import { installStructuredLogging } from "./src/lib/logging/install"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// Medusa's logger, in every process: JSON lines (or text in development,
// LOG_FORMAT), redacted, carrying the request/order/delivery ids in scope.
installStructuredLogging()

// Fails at start, naming the variable, when the environment is wrong.
const hub = loadHubConfig()

// Medusa's own infrastructure runs on Redis (event bus, workflow engine,
// locking), namespaced per deployment by HUB_QUEUE_PREFIX, unless
// MEDUSA_REDIS_MODULES=false (the HTTP test suites use the in-process
// defaults so that each spec file is isolated).
const redisInfrastructure = medusaRedisModules(hub)

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: hub.databaseUrl,
    redisUrl: hub.medusaRedisModules ? hub.redisUrl : undefined,
    redisPrefix: medusaRedisNamespaces(hub.queuePrefix).sessionPrefix,
    workerMode: hub.workerMode,
    // `medusa start` sets NODE_ENV=production, which makes Medusa's session
    // cookie Secure: over plain http (a laptop, the demo, the browser tests)
    // the dashboard's login would then never stick. Only BACKY_ENV=production
    // keeps it Secure (behind TLS).
    cookieOptions: hub.isProduction ? undefined : { secure: false, sameSite: "lax" },
    http: {
      storeCors: hub.storeCors,
      adminCors: hub.adminCors,
      authCors: hub.authCors,
      jwtSecret: hub.jwtSecret,
      cookieSecret: hub.cookieSecret,
    },
  },
  // The dashboard (Medusa's own pages plus backy's, src/admin) at /app. It is
  // served from ./public/admin, which `npm run build` fills; workers serve no HTTP.
  admin: {
    disable: !hub.adminDashboard || hub.workerMode === "worker",
    path: "/app",
    backendUrl: "/",
  },
  modules: [
    // Caches contract resolution in Redis (src/modules/b2b/contract-cache).
    { resolve: "./src/modules/b2b", options: { redisUrl: hub.redisUrl, queuePrefix: hub.queuePrefix } },
    { resolve: "./src/modules/quote" },
    {
      resolve: "./src/modules/invoicing",
      // URLs travel as strings: module options are copied.
      options: { stripe: { ...hub.stripe, apiBase: hub.stripe.apiBase?.toString() } },
    },
    {
      resolve: "./src/modules/outbox",
      options: {
        encryptionKey: hub.encryptionKey,
        previousEncryptionKeys: hub.previousEncryptionKeys,
        redisUrl: hub.redisUrl,
        queuePrefix: hub.queuePrefix,
        webhooks: hub.webhooks,
        oauthRateLimit: hub.oauthRateLimit,
        // METRICS_TOKEN / METRICS_PORT / METRICS_HOST: GET /metrics, and a worker's own listener.
        metrics: hub.metrics,
      },
    },
    {
      resolve: "./src/modules/erp",
      options: {
        encryptionKey: hub.encryptionKey,
        previousEncryptionKeys: hub.previousEncryptionKeys,
        redisUrl: hub.redisUrl,
        queuePrefix: hub.queuePrefix,
        erpLeaseMs: hub.erpLeaseMs,
        oauthRateLimit: hub.oauthRateLimit,
      },
    },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        // Net-terms webhooks do not race cart completion (the invoice exists
        // only after the order), so Medusa's 5 s safety delay is not needed.
        webhook_delay: 1000,
        webhook_retries: 3,
        providers: [
          {
            resolve: "./src/modules/providers/net-terms",
            id: "net-terms",
            options: {
              apiKey: hub.stripe.apiKey,
              webhookSecret: hub.stripe.webhookSecret,
              apiBase: hub.stripe.apiBase?.toString(),
            },
          },
        ],
      },
    },
    {
      resolve: "@medusajs/medusa/fulfillment",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/fulfillment-manual", id: "manual" },
          // fp_erp_erp: fulfillment requests to the ERP/WMS, shipments back (src/modules/providers/erp-fulfillment)
          {
            resolve: "./src/modules/providers/erp-fulfillment",
            id: "erp",
            options: { encryptionKey: hub.encryptionKey, previousEncryptionKeys: hub.previousEncryptionKeys },
          },
        ],
      },
    },
    ...redisInfrastructure,
  ],
})
