import { spawnSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { OpenApiDocument } from "../../../src/api/openapi/document"
import type { Audience } from "../../../src/api/openapi/operation"
import { OPERATIONS } from "../../../src/api/openapi/operations"
import { publishedDocument } from "../../../src/api/openapi/published"
import { seedB2bFixture } from "../../helpers/fixtures"
import { ContractValidator } from "../../helpers/contract/validator"
import { changedTables, fingerprint } from "../../helpers/fuzz/db-fingerprint"
import { RequestFactory, type FuzzRequest } from "../../helpers/fuzz/requests"
import { StoreClient } from "../../helpers/store-client"
import { createAdminToken } from "../../helpers/admin"
import { HubHttp, issuePartner } from "../webhooks/helpers"
import { compileGeneratedPartnerClient } from "./client-check"

jest.setTimeout(900_000)

const ROOT = join(__dirname, "../../..")
const OUT = join(ROOT, "tmp/openapi-spec")
const METRICS_TOKEN = "openapi-spec-metrics-token-0123456789"
/** Valid requests generated per operation (PROPERTY_RUNS_SCALE scales it, as for the property tests). */
const VALID_PER_OPERATION = Math.max(2, Math.round(6 * Number(process.env.PROPERTY_RUNS_SCALE ?? 1)))

const SERVED: [Audience, string][] = [
  ["erp", "/erp/openapi.json"],
  ["partners", "/partners/openapi.json"],
  ["store", "/store/b2b/openapi.json"],
  ["staff", "/admin/openapi.json"],
]

type Credentials = Record<string, Record<string, string>>

medusaIntegrationTestRunner({
  env: { METRICS_TOKEN },
  testSuite: ({ api, getContainer, dbConnection }) => {
    const base = () => api.defaults.baseURL!
    let credentials: Credentials
    let publishableKey: string

    beforeAll(async () => {
      const container = getContainer()
      const adminToken = await createAdminToken(container)
      const admin = new HubHttp(base(), `Bearer ${adminToken}`)
      const partner = await issuePartner(admin, "Fuzz partner")
      const fixture = await seedB2bFixture(container, { role: "admin" })
      publishableKey = fixture.publishable_key
      const store = new StoreClient(base(), publishableKey)
      await store.login(fixture.buyer.email, fixture.buyer.password)
      const erp = await admin.post("/admin/erp/pull-clients", {
        name: "Fuzz ERP",
        scopes: ["orders:read", "orders:ack", "fulfillments:write"],
        sales_channel_ids: [fixture.sales_channel_id],
      })
      if (erp.status !== 201) throw new Error(`pull client: ${erp.status} ${JSON.stringify(erp.body)}`)
      const erpToken = await fetch(`${base()}/erp/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          grant_type: "client_credentials",
          client_id: erp.body.pull_client.client_id,
          client_secret: erp.body.client_secret,
        }),
      }).then((res) => res.json())
      credentials = {
        adminBearer: { authorization: `Bearer ${adminToken}` },
        partnerToken: { authorization: `Bearer ${partner.token}` },
        erpToken: { authorization: `Bearer ${erpToken.access_token}` },
        customerBearer: { authorization: `Bearer ${store.token}` },
        metricsToken: { authorization: `Bearer ${METRICS_TOKEN}` },
      }
    })

    describe("the published documents", () => {
      const served = new Map<Audience, OpenApiDocument>()

      it.each(SERVED)("serves the %s document at %s, as the code builds it", async (audience, path) => {
        const headers = {
          ...(audience === "store" ? { "x-publishable-api-key": publishableKey, ...credentials.customerBearer } : {}),
          ...(audience === "staff" ? credentials.adminBearer : {}),
        }
        const res = await fetch(`${base()}${path}`, { headers })
        expect(res.status).toBe(200)
        const document = (await res.json()) as OpenApiDocument
        expect(document).toEqual(JSON.parse(JSON.stringify(publishedDocument(audience))))
        served.set(audience, document)
      })

      it("serves the whole document to staff only", async () => {
        expect((await fetch(`${base()}/admin/openapi.json`)).status).toBe(401)
        expect(
          (await fetch(`${base()}/admin/openapi.json`, { headers: { authorization: "Bearer not-a-token" } })).status
        ).toBe(401)
      })

      it("documents every operation, each in the documents of its audiences", () => {
        const staff = served.get("staff")!
        for (const op of OPERATIONS) {
          expect(staff.paths[op.path]?.[op.method]?.operationId).toBe(op.operationId)
          for (const audience of op.audiences)
            expect(served.get(audience)!.paths[op.path]?.[op.method]?.operationId).toBe(op.operationId)
        }
        expect(Object.keys(served.get("partners")!.webhooks ?? {})).toContain("order.placed")
      })

      it("passes Redocly's lint (recommended rules, tags described) with no error or warning", () => {
        mkdirSync(OUT, { recursive: true })
        const files = SERVED.map(([audience]) => {
          const file = join(OUT, `${audience}.json`)
          writeFileSync(file, JSON.stringify(served.get(audience)))
          return file
        })
        const lint = spawnSync(
          process.execPath,
          [join(ROOT, "node_modules/@redocly/cli/bin/cli.js"), "lint", "--format=json", ...files],
          { cwd: ROOT, encoding: "utf8" }
        )
        // JSON reports (one per file, or one for all, by version), one after the other.
        const reports = [...lint.stdout.matchAll(/^\{[\s\S]*?^\}/gm)].map((m) => JSON.parse(m[0]))
        const problems = reports.flatMap((report) =>
          report.problems.map(
            (p: { ruleId: string; message: string; location: { pointer: string }[] }) =>
              `${p.ruleId} at ${p.location?.[0]?.pointer}: ${p.message}`
          )
        )
        expect(problems).toEqual([])
        expect(reports.length).toBeGreaterThan(0)
        expect(lint.status).toBe(0)
      })

      it("generates a typed client from /partners/openapi.json that compiles under --strict", () => {
        const file = join(OUT, "partners.json")
        writeFileSync(file, JSON.stringify(served.get("partners")))
        expect(() => compileGeneratedPartnerClient(file, join(OUT, "client"))).not.toThrow()
      })
    })

    describe("fuzzing every operation from the document", () => {
      const document = publishedDocument("staff")
      const contract = new ContractValidator(document, OPERATIONS)
      const factory = new RequestFactory(document)
      const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, op }))
      )
      const report = { requests: 0, server_errors: 0, refused_invalid: 0, operations: operations.length }
      const problems: string[] = []
      /** Per operation, a generated request its validation let through (the base of the invalid ones). */
      const passedValidation = new Map<string, FuzzRequest>()
      /** Answers that come before or without the request's validation. */
      const BEFORE_VALIDATION = new Set([400, 401, 403, 413, 415, 429])

      const documentedStatuses = (path: string, method: string) =>
        new Set(Object.keys(document.paths[path][method].responses).map(Number))
      const hasCredentials = (security: Record<string, string[]>[]) =>
        security.length === 0 ||
        security.some((alternative) => Object.keys(alternative).some((name) => credentials[name]))

      const timeByOperation = new Map<string, number>()

      async function send(request: FuzzRequest, security: Record<string, string[]>[]) {
        const started = performance.now()
        try {
          return await sendTimed(request, security)
        } finally {
          const spent = performance.now() - started
          timeByOperation.set(request.operationId, (timeByOperation.get(request.operationId) ?? 0) + spent)
        }
      }

      async function sendTimed(request: FuzzRequest, security: Record<string, string[]>[]) {
        const scheme = security.flatMap((alternative) => Object.keys(alternative)).find((name) => credentials[name])
        const query = new URLSearchParams(request.query).toString()
        const res = await fetch(`${base()}${request.path}${query ? `?${query}` : ""}`, {
          method: request.method,
          headers: {
            "x-publishable-api-key": publishableKey,
            ...(scheme ? credentials[scheme] : {}),
            ...(request.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        })
        const text = await res.text()
        let body: unknown = text
        try {
          body = text ? JSON.parse(text) : undefined
        } catch {
          // not JSON: the contract check says whether that is documented
        }
        report.requests++
        const where = `${request.method} ${request.path} (${request.operationId})`
        // A documented 5xx is the route's answer (readiness' 503, the JWKS route's 503 while keys can't be read).
        if (
          res.status >= 500 &&
          !documentedStatuses(documentPath(request), request.method.toLowerCase()).has(res.status)
        ) {
          report.server_errors++
          problems.push(
            `${where} → ${res.status}: ${text.slice(0, 300)} with ${JSON.stringify(request.body)?.slice(0, 300)}`
          )
        }
        const violation = contract.check(
          request.method,
          request.path,
          res.status,
          res.headers.get("content-type") ?? undefined,
          body
        )
        if (violation) problems.push(`${where} → ${res.status}: ${violation.problem}`)
        return { status: res.status, body: body as { message?: string; error_description?: string } }
      }

      function documentPath(request: FuzzRequest): string {
        return operations.find((o) => o.op.operationId === request.operationId)!.path
      }

      it("answers valid requests without a 5xx, as documented", async () => {
        let seed = 1
        for (const { path, method, op } of operations) {
          for (const request of factory.validRequests(path, method, op, VALID_PER_OPERATION, seed++)) {
            const { status } = await send(request, op.security)
            if (!BEFORE_VALIDATION.has(status) && !passedValidation.has(op.operationId))
              passedValidation.set(op.operationId, request)
          }
        }
        expect(problems).toEqual([])
      })

      it("refuses each invalid request with a 4xx in the error shape naming the field, writing nothing", async () => {
        let seed = 1000
        for (const { path, method, op } of operations) {
          const base = passedValidation.get(op.operationId)
          const requests = factory.invalidRequests(path, method, op, seed++, base)
          if (!requests.length) continue
          // The field must be named when the only thing wrong is the mutation: a base that passed validation, sent with credentials.
          const mustName = !!base && hasCredentials(op.security)
          const before = await fingerprint(dbConnection as never)
          for (const request of requests) {
            const { status, body } = await send(request, op.security)
            const where = `${request.method} ${request.path} (${op.operationId}) invalid ${request.invalidField}`
            if (status < 400 || status >= 500) problems.push(`${where}: answered ${status}`)
            else if (mustName && status === 400 && !describes(body).includes(request.invalidField!))
              problems.push(`${where}: 400 does not name the field: ${describes(body)}`)
            else report.refused_invalid++
          }
          const changed = changedTables(before, await fingerprint(dbConnection as never))
          if (changed.length) problems.push(`${op.operationId}: refused requests changed ${changed.join(", ")}`)
        }
        expect(problems).toEqual([])
      })

      /** The problem as the API words it: its error shape's message, or an OAuth error's description (RFC 6749). */
      function describes(body: { message?: string; error_description?: string }): string {
        return String(body?.message ?? body?.error_description ?? "")
      }

      afterAll(() => {
        // The figures the issue asks for: requests sent and 5xx answered (must be 0).
        console.log(`openapi fuzz: ${JSON.stringify(report)}`)
        const slowest = [...timeByOperation].sort((a, b) => b[1] - a[1]).slice(0, 8)
        console.log(`slowest operations (ms): ${slowest.map(([id, ms]) => `${id} ${Math.round(ms)}`).join(", ")}`)
      })
    })
  },
})
