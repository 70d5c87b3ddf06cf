import { ConfigError, loadHubConfig } from "../../config/env"
import { hubMetrics } from "../registry"
import { authorizeScrape, cachedFor, registerScrapeSource, scrapeMetrics } from "../scrape"
import { startMetricsServer, type MetricsServer } from "../server"

const TOKEN = "metrics-token-0123456789"

describe("the worker's metrics listener", () => {
  let server: MetricsServer
  beforeAll(async () => {
    server = await startMetricsServer({ port: 0, host: "127.0.0.1", token: TOKEN })
  })
  afterAll(async () => {
    await server.close()
  })
  const scrape = (authorization?: string, path = "/metrics") =>
    fetch(`${server.url}${path}`, { headers: authorization ? { authorization } : {} })

  it("serves the registry in Prometheus' text format to the right bearer token", async () => {
    hubMetrics().tokenRefusals.inc({ endpoint: "erp", reason: "invalid_client" })
    const res = await scrape(`Bearer ${TOKEN}`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8")
    const text = await res.text()
    expect(text).toContain("# TYPE backy_oauth_token_refusals_total counter")
    expect(text).toMatch(/^backy_oauth_token_refusals_total\{endpoint="erp",reason="invalid_client"\} [1-9]/m)
    expect(text).toContain("# TYPE backy_process_cpu_seconds_total counter")
  })

  it("refuses a missing or wrong token with 401 and a Bearer challenge, and serves nothing else", async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`]) {
      const res = await scrape(authorization)
      expect(res.status).toBe(401)
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="backy-metrics"')
      expect(await res.text()).not.toContain("backy_")
    }
    expect((await scrape(`Bearer ${TOKEN}`, "/")).status).toBe(404)
    expect((await scrape(`Bearer ${TOKEN}`, "/metrics/x")).status).toBe(404)
  })

  it("answers 404 to everyone when no token is configured", async () => {
    const open = await startMetricsServer({ port: 0, host: "127.0.0.1", token: undefined })
    try {
      const res = await fetch(`${open.url}/metrics`, { headers: { authorization: "Bearer anything-at-all-here" } })
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain("backy_")
    } finally {
      await open.close()
    }
  })
})

describe("authorizeScrape", () => {
  it("accepts only the exact token", () => {
    expect(authorizeScrape(`Bearer ${TOKEN}`, TOKEN)).toBe("ok")
    expect(authorizeScrape(`bearer ${TOKEN}`, TOKEN)).toBe("ok")
    expect(authorizeScrape(`Bearer ${TOKEN.toUpperCase()}`, TOKEN)).toBe("unauthorized")
    expect(authorizeScrape("Bearer ", TOKEN)).toBe("unauthorized")
    expect(authorizeScrape(undefined, TOKEN)).toBe("unauthorized")
    expect(authorizeScrape(`Bearer ${TOKEN}`, undefined)).toBe("not_configured")
  })
})

describe("scrape-time sources", () => {
  it("bounds each source by a timeout and reports it down, keeping the others", async () => {
    registerScrapeSource("test_slow", () => new Promise((resolve) => setTimeout(resolve, 1_000)))
    registerScrapeSource("test_failing", async () => {
      throw new Error("database away")
    })
    registerScrapeSource("test_fine", async () => undefined)
    try {
      const started = Date.now()
      const { body } = await scrapeMetrics({}, 50)
      expect(Date.now() - started).toBeLessThan(900)
      expect(body).toContain('backy_metrics_source_up{source="test_slow"} 0')
      expect(body).toContain('backy_metrics_source_up{source="test_failing"} 0')
      expect(body).toContain('backy_metrics_source_up{source="test_fine"} 1')
    } finally {
      for (const name of ["test_slow", "test_failing", "test_fine"]) registerScrapeSource(name, async () => undefined)
    }
  })

  it("cachedFor computes once per period, concurrent callers sharing the computation", async () => {
    let now = 0
    let runs = 0
    const value = cachedFor(
      60_000,
      async () => ++runs,
      () => now
    )
    expect(await Promise.all([value(), value()])).toEqual([1, 1])
    now = 59_999
    expect(await value()).toBe(1)
    now = 60_001
    expect(await value()).toBe(2)
  })
})

describe("metrics configuration", () => {
  it("reads METRICS_TOKEN, METRICS_PORT and METRICS_HOST, none by default but the loopback host", () => {
    expect(loadHubConfig({}).metrics).toEqual({ token: undefined, port: undefined, host: "127.0.0.1" })
    expect(loadHubConfig({ METRICS_TOKEN: TOKEN, METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" }).metrics).toEqual({
      token: TOKEN,
      port: 9464,
      host: "0.0.0.0",
    })
  })

  it.each<[Record<string, string>, string]>([
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN"],
    [{ METRICS_TOKEN: "has a space in it, sixteen+" }, "METRICS_TOKEN"],
    [{ METRICS_PORT: "0" }, "METRICS_PORT"],
    [{ METRICS_PORT: "http" }, "METRICS_PORT"],
  ])("refuses %j naming the variable, never echoing a token", (env, variable) => {
    let error: unknown
    try {
      loadHubConfig(env)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe(variable)
    if (env.METRICS_TOKEN) expect((error as Error).message).not.toContain(env.METRICS_TOKEN)
  })
})
