import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"
import { loadHubConfig } from "./src/lib/config/env"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// Fails at start, naming the variable, when the environment is wrong.
const hub = loadHubConfig()

// Medusa's own infrastructure runs on Redis (event bus, workflow engine,
// locking) unless MEDUSA_REDIS_MODULES=false (the HTTP test suites use the
// in-process defaults so that each spec file is isolated).
const redisInfrastructure = hub.medusaRedisModules
  ? [
      {
        resolve: "@medusajs/medusa/event-bus-redis",
        options: {
          redisUrl: hub.redisUrl,
          jobOptions: { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 86400, count: 1000 } },
        },
      },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl: hub.redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl: hub.redisUrl },
            },
          ],
        },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: hub.databaseUrl,
    redisUrl: hub.medusaRedisModules ? hub.redisUrl : undefined,
    workerMode: hub.workerMode,
    http: {
      storeCors: hub.storeCors,
      adminCors: hub.adminCors,
      authCors: hub.authCors,
      jwtSecret: hub.jwtSecret,
      cookieSecret: hub.cookieSecret,
    },
  },
  admin: { disable: true },
  modules: [
    { resolve: "./src/modules/b2b" },
    { resolve: "./src/modules/invoicing" },
    { resolve: "./src/modules/hub", options: { redisUrl: hub.redisUrl, encryptionKey: hub.encryptionKey, webhooks: hub.webhooks } },
    { resolve: "./src/modules/erp", options: { encryptionKey: hub.encryptionKey } },
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
          { resolve: "./src/modules/providers/erp-fulfillment", id: "erp" },
        ],
      },
    },
    ...redisInfrastructure,
  ],
})
