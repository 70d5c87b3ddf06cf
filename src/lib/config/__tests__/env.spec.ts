import { ConfigError, loadHubConfig } from "../env"

describe("loadHubConfig", () => {
  it("has working local defaults", () => {
    const config = loadHubConfig({})
    expect(config.databaseUrl).toBe("postgres://postgres@localhost:5432/backy")
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379")
    expect(config.workerMode).toBe("shared")
    expect(config.medusaRedisModules).toBe(true)
    expect(config.queuePrefix).toBe("backy")
  })

  it.each([
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ DATABASE_URL: "mysql://localhost/backy" }, "DATABASE_URL"],
    [{ REDIS_URL: "http://localhost:6379" }, "REDIS_URL"],
    [{ WORKER_MODE: "both" }, "WORKER_MODE"],
    [{ MEDUSA_REDIS_MODULES: "maybe" }, "MEDUSA_REDIS_MODULES"],
    [{ STRIPE_API_KEY: "pk_test_123" }, "STRIPE_API_KEY"],
    [{ STRIPE_API_BASE: "::" }, "STRIPE_API_BASE"],
    [{ ENCRYPTION_KEY: "c2hvcnQ=" }, "ENCRYPTION_KEY"],
    [{ ENCRYPTION_KEYS_PREVIOUS: `${Buffer.alloc(32, 1).toString("base64")},c2hvcnQ=` }, "ENCRYPTION_KEYS_PREVIOUS"],
    [{ BACKY_ENV: "staging" }, "BACKY_ENV"],
    // A ":" would let one deployment's key names read as another's.
    [{ HUB_QUEUE_PREFIX: "acme:staging" }, "HUB_QUEUE_PREFIX"],
    [{ HUB_QUEUE_PREFIX: "-acme" }, "HUB_QUEUE_PREFIX"],
    [{ HUB_QUEUE_PREFIX: "acme staging" }, "HUB_QUEUE_PREFIX"],
    [{ HUB_QUEUE_PREFIX: "a".repeat(65) }, "HUB_QUEUE_PREFIX"],
  ])("refuses %j naming the variable", (env, variable) => {
    let error: unknown
    try {
      loadHubConfig(env)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe(variable)
    expect((error as Error).message).toContain(variable)
  })

  it("reads the previous encryption keys, comma-separated, none by default", () => {
    const [a, b] = [Buffer.alloc(32, 1).toString("base64"), Buffer.alloc(32, 2).toString("base64")]
    expect(loadHubConfig({}).previousEncryptionKeys).toEqual([])
    expect(loadHubConfig({ ENCRYPTION_KEYS_PREVIOUS: ` ${a}, ${b} ` }).previousEncryptionKeys).toEqual([a, b])
  })

  it("requires real secrets in production", () => {
    expect(() =>
      loadHubConfig({ BACKY_ENV: "production", STRIPE_API_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" })
    ).toThrow(/JWT_SECRET/)
  })

  it("never echoes a database password in its error", () => {
    expect(() => loadHubConfig({ DATABASE_URL: "redis://user:hunter2@db/backy" })).toThrow(ConfigError)
    try {
      loadHubConfig({ DATABASE_URL: "redis://user:hunter2@db/backy" })
    } catch (e) {
      expect((e as Error).message).not.toContain("hunter2")
    }
  })
})
