import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { backyRoutes, BackyRoute } from "../../src/api/utils/route-table"
import { seedB2bFixture } from "../helpers/fixtures"
import { createAdminToken } from "../helpers/admin"
import { StoreClient } from "../helpers/store-client"
import { HubHttp, issuePartner } from "./webhooks/helpers"

jest.setTimeout(180_000)

// No Stripe call is expected here; a closed local port makes any stray one fail fast.
process.env.STRIPE_API_BASE = "http://127.0.0.1:41213"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-api-edges`

/**
 * Every class of bad input the issue found, sent to every backy route, the
 * routes read from the route files (route-table.ts): a new route file is
 * probed without touching this spec. Each answer must be the expected 4xx
 * in the documented shape `{ type, message: "<field>: …" }` (README, API),
 * never a 5xx, never Express's HTML page, never `X-Powered-By`.
 */

type Expected = { status: number; type: string; field: string; allow?: string[] }
type Probe = {
  name: string
  method: string
  path: string
  headers?: Record<string, string>
  body?: string
  expected: Expected
}
type Answer = { status: number; body: any; headers: Headers }

const PARAM_VALUE = "edge_missing"
const ERROR_KEYS = ["code", "message", "type"]
/** Requests in flight at once: fast, without starving the app's database pool. */
const BATCH = 16

/** A path of `route` with every parameter set to a harmless value, except `replace`'s. */
function pathOf(route: BackyRoute, replace: Record<string, string> = {}): string {
  return "/" + route.segments.map((s) => (s.startsWith(":") ? (replace[s.slice(1)] ?? PARAM_VALUE) : s)).join("/")
}

const params = (route: BackyRoute) => route.segments.filter((s) => s.startsWith(":")).map((s) => s.slice(1))
const withBody = (method: string) => method !== "GET" && method !== "HEAD"
/** GETs ending in a fixed segment that are not lists (no limit/offset/order): the Prometheus scrape, the readiness probe. */
const NOT_LISTS = new Set(["/metrics", "/health/ready"])
/** A list: a GET whose path ends in a fixed segment (not `/:id`). */
const isList = (route: BackyRoute) =>
  route.methods.includes("GET") &&
  !route.segments[route.segments.length - 1].startsWith(":") &&
  !NOT_LISTS.has(route.pattern)
const json = (value: unknown) => ({ body: JSON.stringify(value), headers: { "content-type": "application/json" } })

/** The probes of each class, for every route (and method) they apply to. */
const classes: Record<string, (routes: BackyRoute[]) => Probe[]> = {
  "a malformed percent-escape in each path parameter → 400 naming the parameter": (routes) =>
    routes.flatMap((route) =>
      params(route).flatMap((param) =>
        route.methods.map((method) => ({
          name: `${method} ${route.pattern} with ${param}=%ZZ`,
          method,
          path: pathOf(route, { [param]: "%ZZ" }),
          expected: { status: 400, type: "invalid_data", field: param },
        }))
      )
    ),
  "a NUL byte in each path parameter → 400 naming the parameter": (routes) =>
    routes.flatMap((route) =>
      params(route).flatMap((param) =>
        route.methods.map((method) => ({
          name: `${method} ${route.pattern} with ${param}=a%00b`,
          method,
          path: pathOf(route, { [param]: "a%00b" }),
          expected: { status: 400, type: "invalid_data", field: param },
        }))
      )
    ),
  "a NUL byte in a query value → 400 naming the parameter": (routes) =>
    routes.flatMap((route) =>
      route.methods.map((method) => ({
        name: `${method} ${route.pattern}?note=a%00b`,
        method,
        path: `${pathOf(route)}?note=a%00b`,
        ...(withBody(method) ? json({}) : {}),
        expected: { status: 400, type: "invalid_data", field: "note" },
      }))
    ),
  "a NUL byte in a body string → 400 naming the field, before any handler": (routes) =>
    routes.flatMap((route) =>
      route.methods.filter(withBody).map((method) => ({
        name: `${method} ${route.pattern} with lines[0].sku = "A\\u0000"`,
        method,
        path: pathOf(route),
        ...json({ lines: [{ sku: "A\u0000" }] }),
        expected: { status: 400, type: "invalid_data", field: "lines[0].sku" },
      }))
    ),
  "a bad limit, offset or order on each list → 400 naming the parameter": (routes) =>
    routes.filter(isList).flatMap((route) =>
      [
        ["limit", "-1"],
        ["offset", "-5"],
        ["order", "password"],
      ].map(([param, value]) => ({
        name: `GET ${route.pattern}?${param}=${value}`,
        method: "GET",
        path: `${pathOf(route)}?${param}=${value}`,
        expected: { status: 400, type: "invalid_data", field: param },
      }))
    ),
  "an oversized body → 413 naming the body": (routes) =>
    routes.flatMap((route) =>
      route.methods.filter(withBody).map((method) => ({
        name: `${method} ${route.pattern} with a 200 kB body`,
        method,
        path: pathOf(route),
        ...json({ padding: "x".repeat(200_000) }),
        expected: { status: 413, type: "payload_too_large", field: "body" },
      }))
    ),
  // Backy's few routes inside Medusa's areas share their paths with Medusa's own routes: only prefixed ones.
  "a method the route does not export → 405 with Allow": (routes) =>
    routes
      .filter((route) => route.underPrefix)
      .map((route) => {
        const method = ["PUT", "PATCH", "DELETE", "POST", "GET"].find((m) => !route.methods.includes(m))!
        return {
          name: `${method} ${route.pattern}`,
          method,
          path: pathOf(route),
          ...(withBody(method) ? json({}) : {}),
          expected: { status: 405, type: "method_not_allowed", field: "method", allow: route.methods },
        }
      }),
  "an unknown path under a backy prefix → 404": (routes) =>
    routes
      .filter((route) => route.underPrefix && !backyRoutes().match(`${pathOf(route)}/no-such-route`))
      .map((route) => ({
        name: `GET ${route.pattern}/no-such-route`,
        method: "GET",
        path: `${pathOf(route)}/no-such-route`,
        expected: { status: 404, type: "not_found", field: "path" },
      })),
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let authFor: (path: string) => Record<string, string>

    const base = () => api.defaults.baseURL!

    async function send(probe: Pick<Probe, "method" | "path" | "headers" | "body">): Promise<Answer> {
      const res = await fetch(`${base()}${probe.path}`, {
        method: probe.method,
        headers: { ...authFor(probe.path), ...probe.headers },
        body: probe.body,
      })
      const text = await res.text()
      let body: unknown = text
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        // keep the text: an HTML page is a failure below
      }
      return { status: res.status, body, headers: res.headers }
    }

    /** What is wrong with an answer, or undefined. */
    function problem(expected: Expected, answer: Answer, path = ""): string | undefined {
      const { status, body, headers } = answer
      if (status !== expected.status) return `status ${status}, expected ${expected.status}: ${JSON.stringify(body)}`
      if (headers.get("x-powered-by")) return `X-Powered-By: ${headers.get("x-powered-by")}`
      if (typeof body !== "object" || body === null) return `body is not JSON: ${String(body).slice(0, 120)}`
      // The token endpoints answer a bad request as RFC 6749 §5.2 says, the field named in its description.
      if (path.split("?")[0].endsWith("/oauth/token") && status === 400) {
        if (body.error !== "invalid_request" || !String(body.error_description).startsWith(`${expected.field}: `))
          return `body is not an RFC 6749 invalid_request naming ${expected.field}: ${JSON.stringify(body)}`
        return undefined
      }
      const keys = Object.keys(body)
      if (
        !keys.every((k) => ERROR_KEYS.includes(k)) ||
        typeof body.type !== "string" ||
        typeof body.message !== "string"
      ) {
        return `body is not { type, message }: ${JSON.stringify(body)}`
      }
      if (body.type !== expected.type) return `type ${body.type}, expected ${expected.type}`
      if (!body.message.startsWith(`${expected.field}: `))
        return `message does not start with "${expected.field}: ": ${body.message}`
      if (expected.allow) {
        const allow = (headers.get("allow") ?? "").split(/,\s*/)
        if (!expected.allow.every((m) => allow.includes(m)))
          return `Allow: ${headers.get("allow")}, expected ${expected.allow.join(", ")}`
      }
      return undefined
    }

    /** Sends every probe (in batches) and lists those whose answer is wrong. */
    async function failures(probes: Probe[]): Promise<string[]> {
      const wrong: string[] = []
      for (let i = 0; i < probes.length; i += BATCH) {
        const batch = probes.slice(i, i + BATCH)
        const answers = await Promise.all(batch.map(send))
        batch.forEach((probe, j) => {
          const why = problem(probe.expected, answers[j], probe.path)
          if (why) wrong.push(`${probe.name}: ${why}`)
        })
      }
      return wrong
    }

    beforeAll(async () => {
      const container = getContainer()
      // A company admin: the one role every /store/b2b route lets through, so each probe reaches its validation.
      const fixture = await seedB2bFixture(container, { role: "admin" })
      const adminAuth = `Bearer ${await createAdminToken(container)}`
      const admin = new HubHttp(base(), adminAuth)

      const client = await admin.post("/admin/erp/pull-clients", {
        name: "Edges",
        scopes: ["orders:read", "orders:ack", "fulfillments:write"],
        sales_channel_ids: ["*"],
      })
      const erpToken = await admin.as(undefined).post("/erp/oauth/token", {
        grant_type: "client_credentials",
        client_id: client.body.pull_client.client_id,
        client_secret: client.body.client_secret,
      })
      const partner = await issuePartner(admin, "Edges Inc")
      const store = new StoreClient(base(), fixture.publishable_key)
      await store.login(fixture.buyer.email, fixture.buyer.password)

      const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
      authFor = (path): Record<string, string> => {
        if (path.startsWith("/admin")) return { authorization: adminAuth }
        if (path.startsWith("/erp")) return bearer(erpToken.body.access_token)
        if (path.startsWith("/partners")) return bearer(partner.token)
        if (path.startsWith("/store"))
          return { "x-publishable-api-key": fixture.publishable_key, ...bearer(store.token!) }
        return {}
      }
      expect(backyRoutes().routes.length).toBeGreaterThan(50)
    })

    for (const [name, build] of Object.entries(classes)) {
      it(name, async () => {
        const probes = build(backyRoutes().routes)
        expect(probes.length).toBeGreaterThan(0)
        expect(await failures(probes)).toEqual([])
      })
    }

    it("names the field where Medusa's validators said `Invalid request: Field …`, and creates answer 201", async () => {
      const cases: [Probe["method"], string, unknown, string][] = [
        ["POST", "/erp/orders/edge_missing/ack", {}, "erp_id: is required"],
        [
          "POST",
          "/erp/fulfillments",
          { shipment_id: "S1", order_id: "o", tracking_numbers: ["1Z"], lines: [{ sku: "A", quantity: 1.5 }] },
          "lines[0].quantity: must be a whole number ≥ 1",
        ],
        ["GET", "/erp/orders?updated_since=yesterday", undefined, "updated_since: must be an ISO 8601 date-time"],
        ["GET", "/store/b2b/invoices?limit=0", undefined, "limit: must be a whole number from 1 to 100"],
        ["GET", "/admin/companies?limit=-1", undefined, "limit: must be a whole number from 1 to 100"],
      ]
      for (const [method, path, body, message] of cases) {
        const answer = await send({ method, path, ...(body ? json(body) : {}) })
        expect({ path, status: answer.status, body: answer.body }).toEqual({
          path,
          status: 400,
          body: { type: "invalid_data", message },
        })
      }
      const created = await send({
        method: "POST",
        path: "/admin/companies",
        ...json({ name: "Edge Co", billing_email: "ap@edge.example", currency_code: "usd" }),
      })
      expect(created.status).toBe(201)
    })

    it("answers the same 401 body on /erp and /partners, in the documented shape", async () => {
      for (const path of ["/erp/orders", "/partners/endpoints"]) {
        const answer = await fetch(`${base()}${path}`)
        expect({ path, status: answer.status, body: await answer.json() }).toEqual({
          path,
          status: 401,
          body: {
            type: "unauthorized",
            code: "invalid_token",
            message: "authorization: Bearer <access token> is required",
          },
        })
        expect(answer.headers.get("x-powered-by")).toBeNull()
      }
    })

    it("sends no X-Powered-By on Medusa's own routes either", async () => {
      for (const path of ["/health", "/admin/products", "/store/regions", "/no-such-route"]) {
        const answer = await fetch(`${base()}${path}`)
        expect({ path, header: answer.headers.get("x-powered-by") }).toEqual({ path, header: null })
      }
    })
  },
})
