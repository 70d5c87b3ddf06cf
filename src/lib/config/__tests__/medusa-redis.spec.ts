import { loadHubConfig } from "../env"
import { medusaRedisModules, medusaRedisNamespaces } from "../medusa-redis"

const modulesFor = (env: Record<string, string>) => medusaRedisModules(loadHubConfig(env)) as any[]
const byResolve = (modules: any[], resolve: string) => modules.find((m) => m.resolve === resolve).options

/** Every Redis name a deployment's Medusa modules use, as configured. */
function redisNames(env: Record<string, string>): string[] {
  const modules = modulesFor(env)
  const events = byResolve(modules, "@medusajs/medusa/event-bus-redis")
  const workflows = byResolve(modules, "@medusajs/medusa/workflow-engine-redis").redis
  const locking = byResolve(modules, "@medusajs/medusa/locking").providers[0].options
  return [
    events.queueOptions.prefix,
    events.workerOptions.prefix,
    workflows.queueOptions.prefix,
    workflows.workerOptions.prefix,
    locking.namespace,
    medusaRedisNamespaces(loadHubConfig(env).queuePrefix).sessionPrefix,
  ]
}

describe("Medusa's Redis modules per deployment", () => {
  it("namespace the event bus, the workflow engine, locks and sessions by HUB_QUEUE_PREFIX", () => {
    expect(redisNames({ HUB_QUEUE_PREFIX: "acme-prod" })).toEqual([
      "acme-prod-medusa",
      "acme-prod-medusa",
      "acme-prod-medusa",
      "acme-prod-medusa",
      "acme-prod-medusa-lock:",
      "acme-prod-medusa:",
    ])
  })

  it("give two deployments on one Redis no name in common", () => {
    const prod = redisNames({ HUB_QUEUE_PREFIX: "acme", REDIS_URL: "redis://cache:6379" })
    const staging = redisNames({ HUB_QUEUE_PREFIX: "acme-staging", REDIS_URL: "redis://cache:6379" })
    for (const name of prod) expect(staging).not.toContain(name)
  })

  it("use the default deployment's prefix when HUB_QUEUE_PREFIX is unset, never Medusa's shared defaults", () => {
    const names = redisNames({})
    expect(names.every((n) => n.startsWith("backy-medusa"))).toBe(true)
    expect(names).not.toContain("bull")
    expect(names).not.toContain("RedisEventBusService")
    expect(names).not.toContain("medusa_lock:")
  })

  it("connect every module to REDIS_URL", () => {
    const modules = modulesFor({ REDIS_URL: "redis://cache:6380/2" })
    expect(byResolve(modules, "@medusajs/medusa/event-bus-redis").redisUrl).toBe("redis://cache:6380/2")
    expect(byResolve(modules, "@medusajs/medusa/workflow-engine-redis").redis.redisUrl).toBe("redis://cache:6380/2")
    expect(byResolve(modules, "@medusajs/medusa/locking").providers[0].options.redisUrl).toBe("redis://cache:6380/2")
  })

  it("are left out with MEDUSA_REDIS_MODULES=false (Medusa's in-process defaults)", () => {
    expect(modulesFor({ MEDUSA_REDIS_MODULES: "false" })).toEqual([])
  })
})
