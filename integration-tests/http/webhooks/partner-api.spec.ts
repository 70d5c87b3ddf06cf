import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createHmac, generateKeyPairSync } from "node:crypto"
import { exportJWK, SignJWT } from "jose"
import { Webhook } from "standardwebhooks"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { waitFor } from "../../helpers/store-client"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import type OutboxModuleService from "../../../src/modules/outbox/service"
import { PARTNER_ACCESS_TOKENS } from "../../../src/modules/outbox/lib/access-tokens"
import { createTokenAuthority, TOKEN_ISSUER as PARTNER_TOKEN_ISSUER } from "../../../src/lib/oauth/token-authority"
import { signingKeyStore } from "../../../src/lib/oauth/signing-key-table"
import { loadHubConfig } from "../../../src/lib/config/env"
import { configureHubRuntime } from "../../../src/modules/outbox/lib/runtime"
import {
  adminHttp,
  createEndpoint,
  HubHttp,
  issuePartner,
  IssuedPartner,
  partnerToken,
  webhookHeaders,
} from "./helpers"

jest.setTimeout(180_000)

const PARTNER_TOKEN_AUDIENCE = PARTNER_ACCESS_TOKENS.audience

process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-wh-partner-api`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
delete process.env.WEBHOOK_ALLOW_HTTP

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let receiver: PartnerReceiver
    let admin: HubHttp
    let anonymous: HubHttp
    let acme: IssuedPartner
    let globex: IssuedPartner
    let acmeEndpoint: { id: string; secret: string }
    let globexEndpoint: { id: string; secret: string }

    beforeAll(async () => {
      receiver = await startPartnerReceiver()
      admin = await adminHttp(api.defaults.baseURL!, getContainer())
      anonymous = admin.as(undefined)
      acme = await issuePartner(admin, "Acme Analytics")
      globex = await issuePartner(admin, "Globex Freight")
      acmeEndpoint = await createEndpoint(acme, { url: `${receiver.url}/acme`, event_types: ["order.placed"] })
      globexEndpoint = await createEndpoint(globex, { url: `${receiver.url}/globex`, event_types: ["*"] })
    })
    afterAll(async () => {
      await receiver?.close()
    })
    beforeEach(() => {
      receiver.clear()
      receiver.resetBehaviours()
    })

    const sendTests = async (partner: IssuedPartner, endpointId: string, n: number) => {
      const sent = []
      for (let i = 0; i < n; i++) {
        const answer = await partner.http.post(`/partners/endpoints/${endpointId}/test`)
        expect(answer.status).toBe(202)
        sent.push(answer.body as { event_id: string; delivery_id: string })
      }
      return sent
    }
    /** The delivery with its attempt log and payload (GET /partners/deliveries/:id). */
    const deliveryOf = async (partner: IssuedPartner, id: string) => {
      const { body } = await partner.http.get(`/partners/deliveries/${id}`)
      return { ...body.delivery, log: body.attempts, payload: body.payload }
    }

    describe("POST /partners/oauth/token", () => {
      it("issues an ES256 JWT with kid, iss, aud, exp and the granted scope for client credentials (JSON, form or Basic)", async () => {
        const json = await anonymous.post("/partners/oauth/token", {
          grant_type: "client_credentials",
          client_id: acme.client_id,
          client_secret: acme.client_secret,
        })
        expect(json.status).toBe(200)
        expect(json.body).toMatchObject({ token_type: "Bearer", expires_in: 900, scope: "webhooks:manage" })
        expect(json.headers.get("cache-control")).toBe("no-store")
        const [header, payload] = json.body.access_token
          .split(".")
          .slice(0, 2)
          .map((p: string) => JSON.parse(Buffer.from(p, "base64url").toString()))
        expect(header).toMatchObject({ alg: "ES256", typ: "at+jwt", kid: expect.stringMatching(/^ptnk-/) })
        expect(payload).toMatchObject({
          iss: "backy",
          aud: "backy-partner-api",
          sub: acme.client_id,
          scope: "webhooks:manage",
        })
        expect(payload.exp - payload.iat).toBe(900)
        const jwks = await anonymous.get("/partners/jwks.json")
        expect(jwks.body.keys.map((k: any) => k.kid)).toContain(header.kid)
        expect(JSON.stringify(jwks.body)).not.toContain('"d"')

        const form = await anonymous.call(
          "POST",
          "/partners/oauth/token",
          new URLSearchParams({
            grant_type: "client_credentials",
            client_id: acme.client_id,
            client_secret: acme.client_secret,
          }).toString(),
          { "content-type": "application/x-www-form-urlencoded" }
        )
        expect(form.status).toBe(200)
        const basic = await anonymous.call(
          "POST",
          "/partners/oauth/token",
          { grant_type: "client_credentials" },
          { authorization: `Basic ${Buffer.from(`${acme.client_id}:${acme.client_secret}`).toString("base64")}` }
        )
        expect(basic.status).toBe(200)
      })

      it("refuses a wrong secret, an unknown client, another grant and an ungranted scope", async () => {
        const wrong = await anonymous.post("/partners/oauth/token", {
          grant_type: "client_credentials",
          client_id: acme.client_id,
          client_secret: globex.client_secret,
        })
        expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } })
        const unknown = await anonymous.post("/partners/oauth/token", {
          grant_type: "client_credentials",
          client_id: "ptn_nobody",
          client_secret: "x",
        })
        expect(unknown).toMatchObject({ status: 401, body: { error: "invalid_client" } })
        const grant = await anonymous.post("/partners/oauth/token", {
          grant_type: "password",
          client_id: acme.client_id,
          client_secret: acme.client_secret,
        })
        expect(grant).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } })
        const scope = await anonymous.post("/partners/oauth/token", {
          grant_type: "client_credentials",
          client_id: acme.client_id,
          client_secret: acme.client_secret,
          scope: "orders:write",
        })
        expect(scope).toMatchObject({ status: 400, body: { error: "invalid_scope" } })
      })
    })

    describe("bearer tokens", () => {
      const signWithHubKey = async (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT) => {
        // The hub's signing key, opened from its table as the outbox module opens it.
        const hub = getContainer().resolve<OutboxModuleService>(OUTBOX_MODULE)
        const keys = signingKeyStore("partner signing key", {
          list: (filters, config) => hub.listPartnerSigningKeys(filters, config),
          create: (key) => hub.createPartnerSigningKeys(key),
        })
        const authority = createTokenAuthority({
          ...PARTNER_ACCESS_TOKENS,
          keys,
          encryptionKey: loadHubConfig().encryptionKey,
        })
        const key = await authority.signingKey()
        return await build(new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "at+jwt" })).sign(
          key.privateKey
        )
      }
      const valid = (jwt: SignJWT) =>
        jwt
          .setIssuer(PARTNER_TOKEN_ISSUER)
          .setAudience(PARTNER_TOKEN_AUDIENCE)
          .setSubject(acme.client_id)
          .setIssuedAt()
          .setExpirationTime("5m")

      it("answers 401 to a missing, malformed, tampered, expired, foreign or algorithm-confused token", async () => {
        const good = await signWithHubKey({ scope: "webhooks:manage" }, valid)
        expect((await admin.as(`Bearer ${good}`).get("/partners/endpoints")).status).toBe(200) // the forging kit itself is sound

        const [h, p, s] = acme.token.split(".")
        const payload = JSON.parse(Buffer.from(p, "base64url").toString())
        const tamperedPayload = Buffer.from(JSON.stringify({ ...payload, sub: globex.client_id })).toString("base64url")
        const hubKid = JSON.parse(Buffer.from(h, "base64url").toString()).kid
        const jwks = (await anonymous.get("/partners/jwks.json")).body
        const publicJwk = jwks.keys.find((k: any) => k.kid === hubKid)
        const hsHeader = Buffer.from(JSON.stringify({ alg: "HS256", kid: hubKid, typ: "at+jwt" })).toString("base64url")
        const hsSignature = createHmac("sha256", JSON.stringify(publicJwk))
          .update(`${hsHeader}.${p}`)
          .digest("base64url")
        const noneHeader = Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")
        const { privateKey: foreignKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
        const foreign = await valid(
          new SignJWT({ scope: "webhooks:manage" }).setProtectedHeader({ alg: "ES256", kid: hubKid, typ: "at+jwt" })
        ).sign(foreignKey)
        expect(await exportJWK(foreignKey)).toBeTruthy()

        const cases: Record<string, string | undefined> = {
          missing: undefined,
          "not bearer": `Basic ${Buffer.from(`${acme.client_id}:${acme.client_secret}`).toString("base64")}`,
          garbage: "Bearer not-a-jwt",
          "tampered payload": `Bearer ${h}.${tamperedPayload}.${s}`,
          "tampered signature": `Bearer ${h}.${p}.${s.slice(0, -4)}AAAA`,
          expired: `Bearer ${await signWithHubKey({ scope: "webhooks:manage" }, (j) => valid(j).setExpirationTime(Math.floor(Date.now() / 1000) - 60))}`,
          "without exp": `Bearer ${await signWithHubKey({ scope: "webhooks:manage" }, (j) => j.setIssuer(PARTNER_TOKEN_ISSUER).setAudience(PARTNER_TOKEN_AUDIENCE).setSubject(acme.client_id).setIssuedAt())}`,
          "other audience": `Bearer ${await signWithHubKey({ scope: "webhooks:manage" }, (j) => valid(j).setAudience("backy-erp-api"))}`,
          "other issuer": `Bearer ${await signWithHubKey({ scope: "webhooks:manage" }, (j) => valid(j).setIssuer("evil"))}`,
          "alg none": `Bearer ${noneHeader}.${p}.`,
          "HS256 keyed with the public key": `Bearer ${hsHeader}.${p}.${hsSignature}`,
          "signed by a foreign key": `Bearer ${foreign}`,
          "unknown client": `Bearer ${await signWithHubKey({ scope: "webhooks:manage" }, (j) => valid(j).setSubject("ptn_ghost"))}`,
        }
        for (const [name, authorization] of Object.entries(cases)) {
          const answer = await admin.as(authorization).get("/partners/endpoints")
          expect({ name, status: answer.status }).toEqual({ name, status: 401 })
          expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm="backy-partners"/)
          expect(answer.body.type).toBe("unauthorized")
        }
        const expired = await admin.as(cases.expired).get("/partners/deliveries")
        expect(expired.body.code).toBe("expired_token")
      })

      it("answers 403 without the webhooks:manage scope, and 401 once the partner is revoked", async () => {
        const limited = await issuePartner(admin, "Read-only Inc", [])
        const answer = await limited.http.get("/partners/endpoints")
        expect(answer).toMatchObject({ status: 403, body: { code: "insufficient_scope" } })
        expect(answer.headers.get("www-authenticate")).toContain('scope="webhooks:manage"')

        const doomed = await issuePartner(admin, "Doomed Ltd")
        expect((await doomed.http.get("/partners/endpoints")).status).toBe(200)
        expect((await admin.post(`/admin/webhooks/partners/${doomed.id}`, { revoked: true })).status).toBe(200)
        expect((await doomed.http.get("/partners/endpoints")).status).toBe(401)
        const again = await anonymous.post("/partners/oauth/token", {
          grant_type: "client_credentials",
          client_id: doomed.client_id,
          client_secret: doomed.client_secret,
        })
        expect(again.status).toBe(401)
      })
    })

    describe("endpoints", () => {
      it("creates an endpoint, shows its secret once, and updates, disables and deletes it", async () => {
        const created = await acme.http.post("/partners/endpoints", {
          url: `${receiver.url}/crud`,
          event_types: ["order.placed", "invoice.paid"],
          description: "ERP bridge",
          headers: { "X-Partner-Key": "k-1" },
          retry_schedule_ms: [0, 1000, 60000],
          max_concurrency: 4,
        })
        expect(created.status).toBe(201)
        expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
        expect(created.body.endpoint).toMatchObject({
          partner_id: acme.id,
          enabled: true,
          headers: { "X-Partner-Key": "k-1" },
          retry_schedule_ms: [0, 1000, 60000],
          max_concurrency: 4,
        })
        const id = created.body.endpoint.id
        const fetched = await acme.http.get(`/partners/endpoints/${id}`)
        expect(JSON.stringify(fetched.body)).not.toContain(created.body.secret)
        expect(fetched.body.endpoint).not.toHaveProperty("secret")
        expect(fetched.body.endpoint).not.toHaveProperty("secrets")
        // At rest the secret is sealed (AES-GCM), never the plain text.
        const row = await (getContainer().resolve(OUTBOX_MODULE) as any).retrieveWebhookEndpoint(id)
        expect(JSON.stringify(row.secrets)).not.toContain(created.body.secret.slice(6))
        expect(row.secrets.keys[0].sealed).toMatch(/^v2\./)

        const updated = await acme.http.post(`/partners/endpoints/${id}`, { event_types: ["*"], enabled: false })
        expect(updated.body.endpoint).toMatchObject({ event_types: ["*"], enabled: false, disabled_reason: "manual" })
        const enabled = await acme.http.post(`/partners/endpoints/${id}`, { enabled: true })
        expect(enabled.body.endpoint).toMatchObject({ enabled: true, disabled_reason: null })
        const list = await acme.http.get("/partners/endpoints")
        expect(list.body.endpoints.map((e: any) => e.id)).toEqual(expect.arrayContaining([id, acmeEndpoint.id]))
        expect(list.body.endpoints.every((e: any) => e.partner_id === acme.id)).toBe(true)

        expect((await acme.http.delete(`/partners/endpoints/${id}`)).body).toEqual({
          id,
          object: "webhook_endpoint",
          deleted: true,
        })
        expect((await acme.http.get(`/partners/endpoints/${id}`)).status).toBe(404)
      })

      it("answers 400 naming the field for unknown fields, unknown event types, reserved or unsendable headers, bad ports and bad schedules, writing nothing", async () => {
        const base = { url: `${receiver.url}/x`, event_types: ["order.placed"] }
        const endpointsBefore = (await acme.http.get("/partners/endpoints")).body.endpoints.length
        const cases: [Record<string, unknown>, string][] = [
          [{ ...base, colour: "red" }, "colour: unknown field"],
          [
            { ...base, event_types: ["order.placed", "order.exploded"] },
            "event_types: unknown or not subscribable: order.exploded",
          ],
          [{ ...base, event_types: ["webhook.test"] }, "event_types: unknown or not subscribable: webhook.test"],
          [{ ...base, event_types: [] }, "event_types"],
          [{ url: base.url }, "event_types: is required"],
          [{ ...base, headers: { "Webhook-Signature": "forged" } }, "headers: these headers are set by the delivery"],
          [{ ...base, retry_schedule_ms: [-1] }, "retry_schedule_ms[0]"],
          [{ ...base, max_concurrency: 0 }, "max_concurrency"],
          [{ ...base, url: "not a url" }, "url: Webhook URL is not a valid URL"],
          [{ ...base, url: "ftp://127.0.0.1/x" }, "url: Webhook URL must use https"],
          // Accepted once, these failed every delivery with "invalid header" and retried for days.
          [{ ...base, headers: { "X Bad": "1" } }, "headers.X Bad: header name must be a token (RFC 9110 §5.1)"],
          [{ ...base, headers: { "X-Key:": "1" } }, "headers.X-Key:: header name must be a token"],
          [
            { ...base, headers: { "X-Key": "k\r\nX-Injected: 1" } },
            "headers.X-Key: header value must not contain CR, LF or NUL (RFC 9110 §5.5)",
          ],
          [{ ...base, url: `http://127.0.0.1:0/x` }, "url: Webhook URL port 0 is not a valid port"],
          [{ ...base, url: `http://127.0.0.1:70000/x` }, "url: Webhook URL port 70000 is out of range (1–65535)"],
        ]
        for (const [body, message] of cases) {
          const answer = await acme.http.post("/partners/endpoints", body)
          expect({ body, status: answer.status, type: answer.body.type }).toEqual({
            body,
            status: 400,
            type: "invalid_data",
          })
          expect(answer.body.message).toContain(message)
        }
        expect((await acme.http.get("/partners/endpoints")).body.endpoints).toHaveLength(endpointsBefore)

        // An update is checked the same way and leaves the endpoint as it was.
        const stored = async () => {
          const { url, headers, updated_at } = (await acme.http.get(`/partners/endpoints/${acmeEndpoint.id}`)).body
            .endpoint
          return { url, headers, updated_at }
        }
        const before = await stored()
        const updates: [Record<string, unknown>, string][] = [
          [{ headers: { "X Bad": "1" } }, "headers.X Bad: header name must be a token"],
          [{ headers: { "X-Key": "a\nb" } }, "headers.X-Key: header value must not contain CR, LF or NUL"],
          [{ url: `http://127.0.0.1:0/x` }, "url: Webhook URL port 0 is not a valid port"],
        ]
        for (const [body, message] of updates) {
          const answer = await acme.http.post(`/partners/endpoints/${acmeEndpoint.id}`, body)
          expect({ body, status: answer.status, type: answer.body.type }).toEqual({
            body,
            status: 400,
            type: "invalid_data",
          })
          expect(answer.body.message).toContain(message)
        }
        expect(await stored()).toEqual(before)
      })

      it("refuses every SSRF class at create time with a 400 naming url and the address class", async () => {
        const blocked: [string, string][] = [
          ["https://10.1.2.3/hook", "private"],
          ["https://172.16.0.1/hook", "private"],
          ["https://192.168.1.10/hook", "private"],
          ["https://127.0.0.2/hook", "loopback"],
          ["https://[::1]/hook", "loopback"],
          ["https://169.254.169.254/latest/meta-data", "metadata"],
          ["https://169.254.10.10/hook", "link-local"],
          ["https://[fe80::1]/hook", "link-local"],
          ["https://100.64.0.1/hook", "cgnat"],
          ["https://0.0.0.0/hook", "unspecified"],
          ["https://[::]/hook", "unspecified"],
          ["https://224.0.0.1/hook", "multicast"],
          ["https://255.255.255.255/hook", "broadcast"],
          ["https://240.0.0.1/hook", "reserved"],
          ["https://198.18.0.1/hook", "benchmarking"],
          ["https://192.0.2.1/hook", "documentation"],
          ["https://192.0.0.8/hook", "ietf-protocol"],
          ["https://[fc00::1]/hook", "unique-local"],
          ["https://[::ffff:10.0.0.1]/hook", "private (IPv4-mapped 10.0.0.1)"],
          ["https://[64:ff9b::a9fe:a9fe]/hook", "metadata (NAT64 169.254.169.254)"],
          ["https://[2002:a00:1::]/hook", "private (6to4 10.0.0.1)"],
          ["https://[2001::1]/hook", "teredo"],
        ]
        for (const [url, addressClass] of blocked) {
          const answer = await acme.http.post("/partners/endpoints", { url, event_types: ["order.placed"] })
          expect({ url, status: answer.status, code: answer.body.code }).toEqual({
            url,
            status: 400,
            code: "ERR_WEBHOOK_SSRF_BLOCKED",
          })
          expect(answer.body.message).toMatch(/^url: Blocked webhook destination /)
          expect(answer.body.message).toContain(`is a ${addressClass} address`)
        }
        // The allowlisted loopback address the receiver listens on is accepted.
        expect(
          (await acme.http.post("/partners/endpoints", { url: `${receiver.url}/ok`, event_types: ["order.placed"] }))
            .status
        ).toBe(201)
      })

      it("requires https outside development (WEBHOOK_ALLOW_HTTP=false)", async () => {
        // Configuration is loaded once, at boot: the outbox's runtime is configured as a hub started with it.
        configureHubRuntime(loadHubConfig({ ...process.env, WEBHOOK_ALLOW_HTTP: "false" }))
        try {
          const http = await acme.http.post("/partners/endpoints", {
            url: `${receiver.url}/plain`,
            event_types: ["order.placed"],
          })
          expect(http).toMatchObject({
            status: 400,
            body: { code: "ERR_WEBHOOK_INVALID_URL", message: "url: Webhook URL must use https, got http:" },
          })
          const https = await acme.http.post("/partners/endpoints", {
            url: `https://127.0.0.1:${receiver.port}/tls`,
            event_types: ["order.placed"],
          })
          expect(https.status).toBe(201)
        } finally {
          configureHubRuntime(loadHubConfig())
        }
      })

      it("rotates the secret: shown once, and both secrets sign during the grace period", async () => {
        const { id, secret: oldSecret } = await createEndpoint(acme, {
          url: `${receiver.url}/rotate`,
          event_types: ["order.placed"],
        })
        const rotated = await acme.http.post(`/partners/endpoints/${id}/rotate-secret`, {})
        expect(rotated.status).toBe(200)
        const newSecret = rotated.body.secret
        expect(newSecret).toMatch(/^whsec_/)
        expect(newSecret).not.toBe(oldSecret)
        const expiresAt = Date.parse(rotated.body.endpoint.previous_secrets_expire_at[0])
        expect(Math.abs(expiresAt - (Date.now() + 24 * 3600_000))).toBeLessThan(60_000) // default grace 24 h

        await sendTests(acme, id, 1)
        await receiver.waitForCount(1, { path: "/rotate", timeoutMs: 15_000 })
        const [delivery] = receiver.deliveries("/rotate")
        expect(String(delivery.headers["webhook-signature"]).split(" ")).toHaveLength(2)
        for (const secret of [oldSecret, newSecret]) {
          expect(new Webhook(secret).verify(delivery.body, webhookHeaders(delivery.headers))).toMatchObject({
            type: "webhook.test",
          })
        }

        // grace_period_ms 0: the previous secrets stop signing at once.
        const again = await acme.http.post(`/partners/endpoints/${id}/rotate-secret`, { grace_period_ms: 0 })
        expect(again.body.endpoint.previous_secrets_expire_at).toEqual([])
        receiver.clear()
        await sendTests(acme, id, 1)
        await receiver.waitForCount(1, { path: "/rotate", timeoutMs: 15_000 })
        const [next] = receiver.deliveries("/rotate")
        expect(String(next.headers["webhook-signature"]).split(" ")).toHaveLength(1)
        expect(() => new Webhook(again.body.secret).verify(next.body, webhookHeaders(next.headers))).not.toThrow()
        expect(() => new Webhook(newSecret).verify(next.body, webhookHeaders(next.headers))).toThrow()
        expect(
          (await acme.http.post(`/partners/endpoints/${id}/rotate-secret`, { grace_period_ms: 8 * 24 * 3600_000 }))
            .status
        ).toBe(400)
      })

      it("sends a test event to that endpoint only, whatever it subscribes to", async () => {
        const other = await createEndpoint(acme, { url: `${receiver.url}/catch-all`, event_types: ["*"] })
        const [sent] = await sendTests(acme, acmeEndpoint.id, 1)
        await receiver.waitForCount(1, { path: "/acme", timeoutMs: 15_000 })
        const [delivery] = receiver.deliveries("/acme")
        const body = new Webhook(acmeEndpoint.secret).verify(delivery.body, webhookHeaders(delivery.headers)) as any
        expect(body).toMatchObject({
          id: sent.event_id,
          type: "webhook.test",
          sequence: 1,
          resource: { type: "webhook_endpoint", id: acmeEndpoint.id },
          data: { endpoint_id: acmeEndpoint.id },
        })
        await new Promise((r) => setTimeout(r, 500))
        expect(receiver.count("/catch-all")).toBe(0)
        expect(receiver.count("/globex")).toBe(0)
        expect(other.id).toBeTruthy()
      })
    })

    describe("deliveries", () => {
      it("lists deliveries with filters and cursor pagination, and shows attempts", async () => {
        receiver.respond("/acme", { status: 500, body: "boom ".repeat(1000) }, { times: 1 })
        const sent = await sendTests(acme, acmeEndpoint.id, 5)
        await waitFor(
          async () => {
            const { body } = await acme.http.get(`/partners/deliveries?endpoint_id=${acmeEndpoint.id}&status=delivered`)
            return body.deliveries.length >= 4
          },
          20_000,
          "four deliveries"
        )
        const seen: string[] = []
        let cursor: string | null = null
        do {
          const page: any = await acme.http.get(
            `/partners/deliveries?event_type=webhook.test&limit=2${cursor ? `&cursor=${cursor}` : ""}`
          )
          expect(page.status).toBe(200)
          expect(page.body.deliveries.length).toBeLessThanOrEqual(2)
          seen.push(...page.body.deliveries.map((d: any) => d.id))
          cursor = page.body.next_cursor
        } while (cursor)
        expect(seen).toEqual([...sent].reverse().map((s) => s.delivery_id)) // newest first, each once
        const since = (await acme.http.get(`/partners/deliveries?since=${new Date(Date.now() + 60_000).toISOString()}`))
          .body
        expect(since.deliveries).toEqual([])

        const failedFirst = await waitFor(
          async () => {
            for (const s of sent) {
              const d = await deliveryOf(acme, s.delivery_id)
              if (d.log.length && d.log[0].status_code === 500) return d
            }
          },
          20_000,
          "the delivery that got the 500"
        )
        expect(failedFirst.log[0]).toMatchObject({
          attempt: 1,
          outcome: "server_error",
          status_code: 500,
          response_truncated: true,
          duration_ms: expect.any(Number),
        })
        expect(failedFirst.log[0].response_body).toHaveLength(2000)
        expect(failedFirst.payload).toMatchObject({ type: "webhook.test" })

        const bad = await acme.http.get("/partners/deliveries?status=lost&limit=500&colour=red")
        expect(bad.status).toBe(400)
        expect(bad.body.message).toEqual(expect.stringContaining("status:"))
        expect(bad.body.message).toEqual(expect.stringContaining("limit:"))
        expect(bad.body.message).toEqual(expect.stringContaining("colour: unknown field"))
        expect((await acme.http.get("/partners/deliveries?cursor=nonsense")).status).toBe(400)
      })

      it("retries one failed delivery with the same webhook-id", async () => {
        const { id, secret } = await createEndpoint(acme, {
          url: `${receiver.url}/retry-one`,
          event_types: ["order.placed"],
          retry_schedule_ms: [0],
        })
        receiver.respond("/retry-one", { status: 503 })
        const [sent] = await sendTests(acme, id, 1)
        const failed = await waitFor(
          async () => {
            const d = await deliveryOf(acme, sent.delivery_id)
            return d.status === "failed" ? d : undefined
          },
          20_000,
          "the delivery to fail"
        )
        expect(failed).toMatchObject({
          failure_reason: "exhausted",
          attempts: 1,
          last_status_code: 503,
          next_attempt_at: null,
        })

        receiver.respond("/retry-one", { status: 200 })
        const retried = await acme.http.post(`/partners/deliveries/${sent.delivery_id}/retry`)
        expect(retried.status).toBe(202)
        expect(retried.body.delivery.status).toBe("pending")
        await waitFor(
          async () => (await deliveryOf(acme, sent.delivery_id)).status === "delivered",
          20_000,
          "the retry"
        )
        const [first, second] = receiver.deliveries("/retry-one")
        expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"])
        expect(second.headers["webhook-id"]).toBe(sent.event_id)
        expect(() => new Webhook(secret).verify(second.body, webhookHeaders(second.headers))).not.toThrow()
        const detail = await deliveryOf(acme, sent.delivery_id)
        expect(detail.log.map((a: any) => [a.attempt, a.status_code])).toEqual([
          [1, 503],
          [2, 200],
        ])
      })

      it("recovers every failed delivery since T, and a second recover sends nothing twice", async () => {
        const since = new Date(Date.now() - 1000).toISOString()
        const { id } = await createEndpoint(acme, {
          url: `${receiver.url}/recover`,
          event_types: ["order.placed"],
          retry_schedule_ms: [0],
        })
        receiver.respond("/recover", { status: 500 })
        const sent = await sendTests(acme, id, 4)
        await waitFor(
          async () => {
            const { body } = await acme.http.get(`/partners/deliveries?endpoint_id=${id}&status=failed`)
            return body.deliveries.length === 4
          },
          20_000,
          "four failed deliveries"
        )
        receiver.respond("/recover", { status: 204 })
        receiver.clear()

        const first = await acme.http.post(`/partners/endpoints/${id}/recover`, { since })
        expect(first).toMatchObject({ status: 202, body: { endpoint_id: id, recovered: 4 } })
        const second = await acme.http.post(`/partners/endpoints/${id}/recover`, { since })
        expect(second.body.recovered).toBe(0)
        await waitFor(
          async () => {
            const { body } = await acme.http.get(`/partners/deliveries?endpoint_id=${id}&status=delivered`)
            return body.deliveries.length === 4
          },
          30_000,
          "the recovered deliveries"
        )
        const third = await acme.http.post(`/partners/endpoints/${id}/recover`, { since })
        expect(third.body.recovered).toBe(0)
        await new Promise((r) => setTimeout(r, 1000))
        const ids = receiver.deliveries("/recover").map((d) => d.headers["webhook-id"])
        expect([...ids].sort()).toEqual(sent.map((s) => s.event_id).sort()) // each exactly once after recovery
        const bad = await acme.http.post(`/partners/endpoints/${id}/recover`, { since: "yesterday" })
        expect(bad).toMatchObject({ status: 400, body: { message: expect.stringContaining("since:") } })
      })
    })

    describe("partner isolation", () => {
      it("answers 404 for another partner's endpoints and deliveries, and lists only the caller's", async () => {
        const [sent] = await sendTests(acme, acmeEndpoint.id, 1)
        await receiver.waitForCount(1, { path: "/acme", timeoutMs: 15_000 })
        const attempts: [string, string, unknown?][] = [
          ["GET", `/partners/endpoints/${acmeEndpoint.id}`],
          ["POST", `/partners/endpoints/${acmeEndpoint.id}`, { description: "mine now" }],
          ["DELETE", `/partners/endpoints/${acmeEndpoint.id}`],
          ["POST", `/partners/endpoints/${acmeEndpoint.id}/rotate-secret`, {}],
          ["POST", `/partners/endpoints/${acmeEndpoint.id}/test`, {}],
          ["POST", `/partners/endpoints/${acmeEndpoint.id}/recover`, { since: "2020-01-01" }],
          ["GET", `/partners/deliveries/${sent.delivery_id}`],
          ["POST", `/partners/deliveries/${sent.delivery_id}/retry`, {}],
        ]
        for (const [method, path, body] of attempts) {
          const answer = await globex.http.call(method, path, body)
          expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 })
        }
        const listed = await globex.http.get(`/partners/deliveries?endpoint_id=${acmeEndpoint.id}`)
        expect(listed.body.deliveries).toEqual([])
        const all = await globex.http.get("/partners/deliveries")
        expect(all.body.deliveries.every((d: any) => d.endpoint_id === globexEndpoint.id)).toBe(true)
        expect((await globex.http.get("/partners/endpoints")).body.endpoints.map((e: any) => e.id)).toEqual([
          globexEndpoint.id,
        ])
        // Acme's endpoint is untouched.
        expect((await acme.http.get(`/partners/endpoints/${acmeEndpoint.id}`)).body.endpoint.description).toBeNull()
      })
    })

    describe("admin", () => {
      it("manages partners with credentials shown once, and sees and acts on every endpoint and delivery", async () => {
        const created = await admin.post("/admin/webhooks/partners", { name: "Initech" })
        expect(created.status).toBe(201)
        expect(created.body.client_secret).toMatch(/^ptn_sk_/)
        const { id } = created.body.partner
        const shown = await admin.get(`/admin/webhooks/partners/${id}`)
        expect(JSON.stringify(shown.body)).not.toContain(created.body.client_secret)
        expect(JSON.stringify(shown.body)).not.toContain("client_secret_hash")

        const rotated = await admin.post(`/admin/webhooks/partners/${id}/credentials`, {})
        expect(rotated.body.client_secret).not.toBe(created.body.client_secret)
        const old = await anonymous.post("/partners/oauth/token", {
          grant_type: "client_credentials",
          client_id: created.body.client_id,
          client_secret: created.body.client_secret,
        })
        expect(old.status).toBe(401)
        const token = await partnerToken(anonymous, created.body.client_id, rotated.body.client_secret)
        expect(token).toBeTruthy()

        const adminEndpoint = await admin.post("/admin/webhooks/endpoints", {
          partner_id: id,
          url: `${receiver.url}/initech`,
          event_types: ["order.placed"],
        })
        expect(adminEndpoint.status).toBe(201)
        expect(adminEndpoint.body.secret).toMatch(/^whsec_/)
        const missingPartner = await admin.post("/admin/webhooks/endpoints", {
          url: `${receiver.url}/x`,
          event_types: ["order.placed"],
        })
        expect(missingPartner.body.message).toContain("partner_id: is required")
        // Staff get the partner API's header and port checks, and nothing is written.
        const badHeader = await admin.post("/admin/webhooks/endpoints", {
          partner_id: id,
          url: `${receiver.url}/x`,
          event_types: ["order.placed"],
          headers: { "X-Key": "a\r\nb" },
        })
        expect(badHeader).toMatchObject({
          status: 400,
          body: {
            type: "invalid_data",
            message: "headers.X-Key: header value must not contain CR, LF or NUL (RFC 9110 §5.5)",
          },
        })
        const badName = await admin.post(`/admin/webhooks/endpoints/${adminEndpoint.body.endpoint.id}`, {
          headers: { "X Bad": "1" },
        })
        expect(badName).toMatchObject({
          status: 400,
          body: { type: "invalid_data", message: "headers.X Bad: header name must be a token (RFC 9110 §5.1)" },
        })
        const badPort = await admin.post(`/admin/webhooks/endpoints/${adminEndpoint.body.endpoint.id}`, {
          url: `http://127.0.0.1:0/x`,
        })
        expect(badPort).toMatchObject({
          status: 400,
          body: { type: "invalid_data", message: "url: Webhook URL port 0 is not a valid port" },
        })
        expect((await admin.get(`/admin/webhooks/endpoints?partner_id=${id}`)).body.endpoints).toEqual([
          expect.objectContaining({
            id: adminEndpoint.body.endpoint.id,
            url: `${receiver.url}/initech`,
            headers: adminEndpoint.body.endpoint.headers,
          }),
        ])

        const endpoints = await admin.get("/admin/webhooks/endpoints")
        const owners = new Set(endpoints.body.endpoints.map((e: any) => e.partner_id))
        expect(owners.has(acme.id) && owners.has(globex.id) && owners.has(id)).toBe(true)
        expect(
          (await admin.get(`/admin/webhooks/endpoints?partner_id=${globex.id}`)).body.endpoints.map((e: any) => e.id)
        ).toEqual([globexEndpoint.id])

        const [a] = await sendTests(acme, acmeEndpoint.id, 1)
        const test = await admin.post(`/admin/webhooks/endpoints/${globexEndpoint.id}/test`, {})
        expect(test.status).toBe(202)
        await receiver.waitForCount(1, { path: "/globex", timeoutMs: 15_000 })
        const deliveries = await admin.get("/admin/webhooks/deliveries?event_type=webhook.test")
        const ids = deliveries.body.deliveries.map((d: any) => d.id)
        expect(ids).toEqual(expect.arrayContaining([a.delivery_id, test.body.delivery_id]))
        expect(
          (await admin.get(`/admin/webhooks/deliveries?partner_id=${globex.id}`)).body.deliveries.map((d: any) => d.id)
        ).toEqual([test.body.delivery_id])
        expect((await admin.get(`/admin/webhooks/deliveries/${a.delivery_id}`)).body.delivery.id).toBe(a.delivery_id)
        await waitFor(
          async () =>
            (await admin.get(`/admin/webhooks/deliveries/${a.delivery_id}`)).body.delivery.status === "delivered",
          15_000,
          "delivered"
        )
        expect((await admin.post(`/admin/webhooks/deliveries/${a.delivery_id}/retry`, {})).status).toBe(202)

        expect((await admin.delete(`/admin/webhooks/partners/${id}`)).body.deleted).toBe(true)
        expect((await admin.as(`Bearer ${token}`).get("/partners/endpoints")).status).toBe(401)
        expect((await admin.get(`/admin/webhooks/endpoints/${adminEndpoint.body.endpoint.id}`)).status).toBe(404)
        expect((await admin.as(undefined).get("/admin/webhooks/partners")).status).toBe(401)
      })
    })
  },
})
