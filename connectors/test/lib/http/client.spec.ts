import nock from "nock"
import { inspect } from "node:util"
import {
  ErpAuthError,
  ErpCircuitOpenError,
  ErpPermanentError,
  ErpRateLimitedError,
  ErpRetryableError,
  ErpTimeoutError,
  isErpError,
} from "../../../lib/errors"
import { OAuth2ClientCredentials } from "../../../lib/http/auth"
import { BreakerRegistry } from "../../../lib/http/breakers"
import { HttpClient, type HttpClientOptions } from "../../../lib/http/client"
import { Redactor, redactingLogger } from "../../../lib/redact"
import { testDeps } from "../../fixtures"

const API = "https://erp.example.test"
const TOKEN_URL = "https://login.example.test/oauth2/token"
const CLIENT_SECRET = "s3cr3t-client-secret-value"
const NOW = Date.parse("2025-03-14T16:20:00.000Z")

function makeClient(
  overrides: Partial<HttpClientOptions> = {},
  registry = new BreakerRegistry()
): { http: HttpClient; deps: ReturnType<typeof testDeps>; redactor: Redactor } {
  const deps = testDeps()
  const redactor = new Redactor()
  const logger = redactingLogger(deps.logger, redactor)
  const http = new HttpClient({
    name: "generic:test",
    baseURL: API,
    redactor,
    logger,
    sleep: deps.sleep,
    random: () => 0.5,
    now: () => NOW,
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 10_000 },
    breaker: registry.get("generic:test"),
    ...overrides,
  })
  return { http, deps, redactor }
}

function oauth(redactor: Redactor, deps: ReturnType<typeof testDeps>, now = () => NOW): OAuth2ClientCredentials {
  return new OAuth2ClientCredentials({
    tokenUrl: TOKEN_URL,
    clientId: "client-1",
    clientSecret: CLIENT_SECRET,
    scope: "erp.write",
    redactor,
    now,
    transport: new HttpClient({
      name: "generic:test:token",
      redactor,
      logger: redactingLogger(deps.logger, redactor),
      sleep: deps.sleep,
      breaker: null,
    }),
  })
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => {
  nock.enableNetConnect()
  // Un-patch node:http (shared by every test file in this worker) so later suites talk to real servers at full speed.
  nock.restore()
})

describe("retries", () => {
  it("retries 5xx with backoff, then succeeds", async () => {
    const scope = nock(API)
      .get("/orders/1")
      .reply(502, "bad gateway")
      .get("/orders/1")
      .reply(500, {})
      .get("/orders/1")
      .reply(200, { id: "1" })
    const { http, deps } = makeClient()
    const res = await http.request({ operation: "get", method: "GET", url: "/orders/1" })
    expect(res.data).toEqual({ id: "1" })
    expect(deps.sleeps).toEqual([10, 20]) // random 0.5 is the middle of ±20 % around min(cap, 10 × 2^n)
    scope.done()
  })

  it("honours Retry-After in seconds on 429", async () => {
    nock(API)
      .get("/x")
      .reply(429, { error: { code: "TooManyRequests", message: "slow down" } }, { "Retry-After": "2" })
      .get("/x")
      .reply(200, {})
    const { http, deps } = makeClient()
    await http.request({ operation: "get", method: "GET", url: "/x" })
    expect(deps.sleeps).toEqual([2000])
  })

  it("honours Retry-After as an HTTP-date on 429", async () => {
    nock(API)
      .get("/x")
      .reply(429, "", { "Retry-After": new Date(NOW + 3000).toUTCString() })
      .get("/x")
      .reply(200, {})
    const { http, deps } = makeClient()
    await http.request({ operation: "get", method: "GET", url: "/x" })
    expect(deps.sleeps).toEqual([3000])
  })

  it("gives a Retry-After beyond the cap back to the caller instead of sleeping", async () => {
    nock(API).get("/x").reply(429, "", { "Retry-After": "3600" })
    const { http, deps } = makeClient()
    const error = await http.request({ operation: "get", method: "GET", url: "/x" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpRateLimitedError)
    expect(error).toMatchObject({ code: "ERR_ERP_RATE_LIMITED", retryable: true, retryAfterMs: 3_600_000, status: 429 })
    expect(deps.sleeps).toEqual([])
  })

  it("gives up after maxRetries with a retryable error carrying the vendor code", async () => {
    nock(API)
      .get("/x")
      .times(4)
      .reply(503, { error: { code: "Unavailable", message: "maintenance" } })
    const { http, deps } = makeClient()
    const error = await http.request({ operation: "get", method: "GET", url: "/x" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpRetryableError)
    expect(error).toMatchObject({ retryable: true, status: 503, vendorCode: "Unavailable" })
    expect(deps.sleeps).toHaveLength(3)
  })

  it("does not retry a 400 and classifies it permanent", async () => {
    const scope = nock(API)
      .put("/x")
      .reply(400, { error: { code: "BadRequest_InvalidToken", message: "Invalid field quantity" } })
    const { http } = makeClient()
    const error = await http.request({ operation: "put", method: "PUT", url: "/x", body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpPermanentError)
    expect(error).toMatchObject({
      code: "ERR_ERP_PERMANENT",
      retryable: false,
      status: 400,
      vendorCode: "BadRequest_InvalidToken",
    })
    expect((error as Error).message).toBe("generic:test put: HTTP 400 BadRequest_InvalidToken. Invalid field quantity")
    scope.done()
  })

  it("does not resend a POST after an ambiguous 500, but does after 503", async () => {
    nock(API).post("/orders").reply(500, {})
    const { http } = makeClient()
    await expect(
      http.request({ operation: "create", method: "POST", url: "/orders", body: {} })
    ).rejects.toBeInstanceOf(ErpRetryableError)
    expect(nock.pendingMocks()).toEqual([])

    nock(API).post("/orders").reply(503, {}).post("/orders").reply(201, { id: "9" })
    const res = await makeClient().http.request({ operation: "create", method: "POST", url: "/orders", body: {} })
    expect(res.status).toBe(201)
  })

  it("times out an attempt and retries it", async () => {
    nock(API).get("/slow").delay(2000).reply(200, {}).get("/slow").reply(200, { ok: true })
    // Generous against a loaded CI box: only the first attempt may time out.
    const { http } = makeClient({ timeoutMs: 300 })
    const res = await http.request({ operation: "get", method: "GET", url: "/slow" })
    expect(res.data).toEqual({ ok: true })
  })

  it("reports a timeout as ErpTimeoutError when retries run out", async () => {
    nock(API).get("/slow").delay(300).reply(200, {})
    const { http } = makeClient({ timeoutMs: 50, retry: { maxRetries: 0 } })
    const error = await http.request({ operation: "get", method: "GET", url: "/slow" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpTimeoutError)
    expect(error).toMatchObject({ code: "ERR_ERP_TIMEOUT", retryable: true })
  })
})

describe("circuit breaker", () => {
  it("opens after the volume threshold of 5xx and then fails fast without calling the ERP", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 5, resetTimeoutMs: 60_000 })
    const { http } = makeClient({ retry: { maxRetries: 0 } }, registry)
    nock(API).get("/x").times(5).reply(500, {})
    for (let i = 0; i < 5; i++)
      await expect(http.request({ operation: "get", method: "GET", url: "/x" })).rejects.toBeInstanceOf(
        ErpRetryableError
      )
    expect(registry.state("generic:test")).toBe("open")

    const interceptor = nock(API).get("/x").reply(200, {})
    const error = await http.request({ operation: "get", method: "GET", url: "/x" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpCircuitOpenError)
    expect(error).toMatchObject({ code: "ERR_ERP_CIRCUIT_OPEN", retryable: true })
    expect((error as ErpCircuitOpenError).retryAfterMs).toBeGreaterThan(59_000)
    expect(interceptor.isDone()).toBe(false)
    registry.shutdown()
  })

  it("does not open on 400s, however many", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 5 })
    const { http } = makeClient({ retry: { maxRetries: 0 } }, registry)
    nock(API)
      .put("/x")
      .times(12)
      .reply(400, { error: { code: "BadRequest", message: "nope" } })
    for (let i = 0; i < 12; i++)
      await expect(http.request({ operation: "put", method: "PUT", url: "/x", body: {} })).rejects.toBeInstanceOf(
        ErpPermanentError
      )
    expect(registry.state("generic:test")).toBe("closed")
    registry.shutdown()
  })

  it("opens on 429s (throttling is the ERP saying it is overloaded)", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 5 })
    const { http } = makeClient({ retry: { maxRetries: 0 } }, registry)
    nock(API).get("/x").times(5).reply(429, {})
    for (let i = 0; i < 5; i++)
      await expect(http.request({ operation: "get", method: "GET", url: "/x" })).rejects.toBeInstanceOf(
        ErpRateLimitedError
      )
    expect(registry.state("generic:test")).toBe("open")
    registry.shutdown()
  })

  it("keeps one breaker per key across clients", () => {
    const registry = new BreakerRegistry()
    expect(registry.get("netsuite:a")).toBe(registry.get("netsuite:a"))
    expect(registry.get("netsuite:a")).not.toBe(registry.get("netsuite:b"))
    registry.shutdown()
  })
})

describe("OAuth2 client credentials", () => {
  it("makes one token request for 10 concurrent calls (single flight)", async () => {
    const tokenScope = nock("https://login.example.test")
      .post(
        "/oauth2/token",
        (body) =>
          body.grant_type === "client_credentials" &&
          body.client_id === "client-1" &&
          body.client_secret === CLIENT_SECRET &&
          body.scope === "erp.write"
      )
      .delay(20)
      .reply(200, { access_token: "tok-aaaaaaaa-1", token_type: "Bearer", expires_in: 3600 })
    nock(API).get("/x").matchHeader("authorization", "Bearer tok-aaaaaaaa-1").times(10).reply(200, {})
    const { deps, redactor } = makeClient()
    const auth = oauth(redactor, deps)
    const { http } = makeClient({ auth, redactor })
    await Promise.all(Array.from({ length: 10 }, () => http.request({ operation: "get", method: "GET", url: "/x" })))
    expect(auth.tokenRequests).toBe(1)
    tokenScope.done()
  })

  it("refreshes the token skewSeconds before it expires", async () => {
    let now = NOW
    nock("https://login.example.test")
      .post("/oauth2/token")
      .reply(200, { access_token: "tok-first-1", expires_in: "3600" })
    nock("https://login.example.test")
      .post("/oauth2/token")
      .reply(200, { access_token: "tok-second-2", expires_in: 3600 })
    const { deps, redactor } = makeClient()
    const auth = oauth(redactor, deps, () => now)
    expect(await auth.getAccessToken()).toBe("tok-first-1")
    now += 3539_000
    expect(await auth.getAccessToken()).toBe("tok-first-1")
    now += 2_000 // inside the 60 s skew
    expect(await auth.getAccessToken()).toBe("tok-second-2")
  })

  it("on 401 invalidates the token and retries once with a fresh one", async () => {
    nock("https://login.example.test")
      .post("/oauth2/token")
      .reply(200, { access_token: "tok-stale-1", expires_in: 3600 })
    nock("https://login.example.test")
      .post("/oauth2/token")
      .reply(200, { access_token: "tok-fresh-2", expires_in: 3600 })
    nock(API)
      .get("/x")
      .matchHeader("authorization", "Bearer tok-stale-1")
      .reply(401, {
        error: { code: "Authentication_InvalidCredentials", message: "The credentials provided are incorrect" },
      })
    nock(API).get("/x").matchHeader("authorization", "Bearer tok-fresh-2").reply(200, { ok: 1 })
    const { deps, redactor } = makeClient()
    const auth = oauth(redactor, deps)
    const { http } = makeClient({ auth, redactor })
    expect((await http.request({ operation: "get", method: "GET", url: "/x" })).data).toEqual({ ok: 1 })
    expect(auth.tokenRequests).toBe(2)
  })

  it("gives up with ErpAuthError on a second 401, and the error carries no secret", async () => {
    nock("https://login.example.test")
      .post("/oauth2/token")
      .times(2)
      .reply(200, { access_token: "tok-never-valid-1", expires_in: 3600 })
    nock(API)
      .get("/x")
      .times(2)
      .reply(401, {
        error: {
          code: "Authentication_InvalidCredentials",
          message: `token tok-never-valid-1 rejected for secret ${CLIENT_SECRET}`,
        },
      })
    const { deps, redactor } = makeClient()
    const auth = oauth(redactor, deps)
    const { http, deps: clientDeps } = makeClient({ auth, redactor, logger: redactingLogger(deps.logger, redactor) })
    const error = await http.request({ operation: "get", method: "GET", url: "/x" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpAuthError)
    expect(error).toMatchObject({ code: "ERR_ERP_AUTH", retryable: false, status: 401 })
    for (const text of [
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      String((error as Error).stack),
      deps.logs.join("\n"),
      clientDeps.logs.join("\n"),
    ]) {
      expect(text).not.toContain(CLIENT_SECRET)
      expect(text).not.toContain("tok-never-valid-1")
    }
    expect((error as Error).message).toContain("[REDACTED]")
  })

  it("turns the token endpoint's invalid_client into ErpAuthError", async () => {
    nock("https://login.example.test")
      .post("/oauth2/token")
      .reply(401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." })
    const { deps, redactor } = makeClient()
    const auth = oauth(redactor, deps)
    const { http } = makeClient({ auth, redactor })
    const error = await http.request({ operation: "get", method: "GET", url: "/x" }).catch((e: unknown) => e)
    expect(isErpError(error)).toBe(true)
    expect(error).toMatchObject({ code: "ERR_ERP_AUTH", vendorCode: "invalid_client", retryable: false })
  })
})

describe("concurrency cap", () => {
  it("never has more than `concurrency` requests in flight", async () => {
    let inFlight = 0
    let peak = 0
    nock(API)
      .get(/\/item\/\d+/)
      .times(8)
      .reply(async () => {
        inFlight += 1
        peak = Math.max(peak, inFlight)
        await new Promise((r) => setTimeout(r, 15))
        inFlight -= 1
        return [200, {}]
      })
    const { http } = makeClient({ concurrency: 2 })
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => http.request({ operation: "get", method: "GET", url: `/item/${i}` }))
    )
    expect(peak).toBe(2)
  })
})
