import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { decodeProtectedHeader } from "jose"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { waitFor } from "../../helpers/store-client"
import { ERP_MODULE } from "../../../src/modules/erp"
import type ErpModuleService from "../../../src/modules/erp/service"
import { ORDER_DOCUMENT_VERSION } from "../../../src/lib/orders/order-document"
import { adminHeaders, buyerStore, placeOrders } from "./helpers"

jest.setTimeout(240_000)

const STRIPE_PORT = 41_512
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtZXJwLXB1bGwtc3BlYw"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-erp-pull`

type Client = { id: string; client_id: string; client_secret: string }

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let fixture: B2bFixture
    let order: any

    const base = () => api.defaults.baseURL!
    const erpService = () => getContainer().resolve<ErpModuleService>(ERP_MODULE)

    async function createClient(body: {
      name: string
      scopes: string[]
      sales_channel_ids: string[]
      company_ids?: string[]
    }): Promise<Client> {
      const { data, status } = await api.post("/admin/erp/pull-clients", body, {
        headers: await adminHeaders(getContainer()),
      })
      expect(status).toBe(201)
      return { id: data.pull_client.id, client_id: data.pull_client.client_id, client_secret: data.client_secret }
    }

    /** A sales channel of the store, created through the admin API (grants must name real ones). */
    async function createSalesChannel(name: string): Promise<string> {
      const { data } = await api.post(
        "/admin/sales-channels",
        { name },
        { headers: await adminHeaders(getContainer()) }
      )
      return data.sales_channel.id
    }

    async function token(client: Client, scope?: string): Promise<string> {
      const form = new URLSearchParams({ grant_type: "client_credentials", ...(scope ? { scope } : {}) })
      const res = await fetch(`${base()}/erp/oauth/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString("base64")}`,
        },
        body: form,
      })
      const body = await res.json()
      if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(body)}`)
      return body.access_token
    }

    async function call(method: string, path: string, accessToken: string | undefined, body?: unknown) {
      const res = await fetch(`${base()}${path}`, {
        method,
        headers: {
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
    }

    /**
     * A feed document as the order workflow writes it: the real order's, as
     * another order of `salesChannelId`, its version counted in `po_number`
     * (the feed serves documents as stored, and the contract tests hold them
     * to the documented order document).
     */
    let template: Record<string, unknown>
    const doc = (id: string, salesChannelId: string, version: number) => ({
      ...template,
      version: ORDER_DOCUMENT_VERSION,
      id,
      po_number: String(version),
      sales_channel_id: salesChannelId,
      company_id: null,
      updated_at: new Date(Date.now() + version).toISOString(),
    })

    beforeAll(async () => {
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      fixture = await seedB2bFixture(getContainer())
      const store = await buyerStore(base(), fixture)
      ;[order] = await placeOrders(store, fixture, 1)
      const stored = await waitFor(() => erpService().getOrderDocument(order.id), 20_000, "the order in the pull feed")
      template = JSON.parse(stored.json)
    })

    afterAll(async () => {
      await stripe?.close()
    })

    describe("POST /erp/oauth/token", () => {
      it("issues a short-lived ES256 JWT with a kid published in the JWKS, for the granted scopes", async () => {
        const client = await createClient({
          name: "WMS",
          scopes: ["orders:read", "orders:ack"],
          sales_channel_ids: [fixture.sales_channel_id],
        })
        const res = await fetch(`${base()}/erp/oauth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            grant_type: "client_credentials",
            client_id: client.client_id,
            client_secret: client.client_secret,
            scope: "orders:read",
          }),
        })
        expect(res.status).toBe(200)
        expect(res.headers.get("cache-control")).toBe("no-store")
        const body = await res.json()
        expect(body).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: "orders:read" })
        const header = decodeProtectedHeader(body.access_token)
        expect(header).toMatchObject({ alg: "ES256", typ: "at+jwt", kid: expect.any(String) })
        const { body: jwks } = await call("GET", "/erp/jwks.json", undefined)
        expect(jwks.keys).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ kid: header.kid, kty: "EC", crv: "P-256", alg: "ES256", use: "sig" }),
          ])
        )
        expect(JSON.stringify(jwks)).not.toMatch(/"d":/)

        // Client credentials in Basic auth, form-encoded, as OAuth clients send them.
        await expect(token(client)).resolves.toEqual(expect.any(String))
        const wrong = await call("POST", "/erp/oauth/token", undefined, {
          grant_type: "client_credentials",
          client_id: client.client_id,
          client_secret: "nope",
        })
        expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } })
        const notGranted = await call("POST", "/erp/oauth/token", undefined, {
          grant_type: "client_credentials",
          client_id: client.client_id,
          client_secret: client.client_secret,
          scope: "fulfillments:write",
        })
        expect(notGranted).toMatchObject({ status: 400, body: { error: "invalid_scope" } })
      })

      it("refuses grants of sales channels or companies that do not exist, naming the field and the ids, and issues nothing", async () => {
        const headers = await adminHeaders(getContainer())
        const post = (body: object) =>
          api.post(
            "/admin/erp/pull-clients",
            { name: "WMS", scopes: ["orders:read"], ...body },
            { headers, validateStatus: () => true }
          )
        const cases: [object, string][] = [
          [{ sales_channel_ids: ["sc_missing"] }, "sales_channel_ids: unknown sales channel sc_missing"],
          [
            { sales_channel_ids: [fixture.sales_channel_id, "sc_gone_1", "sc_gone_2"] },
            "sales_channel_ids: unknown sales channels sc_gone_1, sc_gone_2",
          ],
          [
            { sales_channel_ids: ["*"], company_ids: [fixture.company_id, "comp_missing"] },
            "company_ids: unknown company comp_missing",
          ],
          [{ sales_channel_ids: ["*"], company_ids: ["*"] }, "company_ids: unknown company *"],
        ]
        for (const [body, message] of cases) {
          const { status, data } = await post(body)
          expect({ body, status, type: data.type, message: data.message }).toEqual({
            body,
            status: 400,
            type: "invalid_data",
            message,
          })
        }
        expect((await api.get("/admin/erp/pull-clients", { headers })).data.pull_clients).toEqual([])
        expect(
          (await post({ sales_channel_ids: [fixture.sales_channel_id], company_ids: [fixture.company_id] })).status
        ).toBe(201)
      })

      it("shows the client secret once and never again", async () => {
        const client = await createClient({ name: "WMS", scopes: ["orders:read"], sales_channel_ids: ["*"] })
        expect(client.client_secret).toMatch(/^erp_sk_/)
        const headers = await adminHeaders(getContainer())
        const { data: list } = await api.get("/admin/erp/pull-clients", { headers })
        const { data: one } = await api.get(`/admin/erp/pull-clients/${client.id}`, { headers })
        for (const body of [list, one]) {
          expect(JSON.stringify(body)).not.toContain(client.client_secret)
          expect(JSON.stringify(body)).not.toContain("scrypt$")
        }
        expect(one.pull_client).toMatchObject({
          client_id: client.client_id,
          scopes: ["orders:read"],
          revoked_at: null,
        })
      })
    })

    describe("token checks", () => {
      it("answers 401 to expired, tampered, alg:none, HS256-confused and revoked tokens, and 403 to a missing scope", async () => {
        const client = await createClient({
          name: "WMS",
          scopes: ["orders:read", "orders:ack", "fulfillments:write"],
          sales_channel_ids: ["*"],
        })
        const good = await token(client)
        expect((await call("GET", `/erp/orders/${order.id}`, good)).status).toBe(200)
        expect((await call("GET", `/erp/orders/${order.id}`, undefined)).status).toBe(401)

        const { access_token: expired } = await erpService().issueAccessToken(client.client_id, ["orders:read"], 1)
        await new Promise((r) => setTimeout(r, 2_100))
        const expiredRes = await call("GET", `/erp/orders/${order.id}`, expired)
        expect(expiredRes).toMatchObject({
          status: 401,
          body: { type: "unauthorized", code: "expired_token", message: "authorization: the access token has expired" },
        })
        expect(expiredRes.headers.get("www-authenticate")).toContain('error="invalid_token"')

        const [h, p, sig] = good.split(".")
        const claims = JSON.parse(Buffer.from(p!, "base64url").toString())
        const tampered = `${h}.${b64url({ ...claims, sub: "erp_someone_else" })}.${sig}`
        expect((await call("GET", `/erp/orders/${order.id}`, tampered)).status).toBe(401)
        const badSignature = `${h}.${p}.${sig!.slice(0, -4)}AAAA`
        expect((await call("GET", `/erp/orders/${order.id}`, badSignature)).status).toBe(401)

        const none = `${b64url({ alg: "none", typ: "at+jwt" })}.${p}.`
        expect((await call("GET", `/erp/orders/${order.id}`, none)).status).toBe(401)

        // HS256 signed with the published public key as the secret (algorithm confusion).
        const { createHmac } = await import("node:crypto")
        const { body: jwks } = await call("GET", "/erp/jwks.json", undefined)
        const hsHeader = b64url({ alg: "HS256", typ: "at+jwt", kid: jwks.keys[0].kid })
        const hsSig = createHmac("sha256", JSON.stringify(jwks.keys[0])).update(`${hsHeader}.${p}`).digest("base64url")
        expect((await call("GET", `/erp/orders/${order.id}`, `${hsHeader}.${p}.${hsSig}`)).status).toBe(401)

        const readOnly = await token(client, "orders:read")
        const ack = await call("POST", `/erp/orders/${order.id}/ack`, readOnly, { erp_id: "SO-1" })
        expect(ack).toMatchObject({
          status: 403,
          body: {
            type: "forbidden",
            code: "insufficient_scope",
            message: "authorization: this call needs the orders:ack scope",
          },
        })
        expect(ack.headers.get("www-authenticate")).toContain('scope="orders:ack"')
        const ship = await call("POST", "/erp/fulfillments", readOnly, {
          shipment_id: "S1",
          order_id: order.id,
          tracking_numbers: ["1Z"],
        })
        expect(ship.status).toBe(403)

        await api.post(
          `/admin/erp/pull-clients/${client.id}/revoke`,
          {},
          { headers: await adminHeaders(getContainer()) }
        )
        expect((await call("GET", `/erp/orders/${order.id}`, good)).status).toBe(401)
        await expect(token(client)).rejects.toThrow(/401/)
      })
    })

    describe("GET /erp/orders", () => {
      it("serves the versioned order document, and another client's orders are invisible (404)", async () => {
        const mine = await createClient({
          name: "WMS",
          scopes: ["orders:read", "orders:ack"],
          sales_channel_ids: [fixture.sales_channel_id],
        })
        const elsewhere = await createSalesChannel("Somewhere else")
        const { data: notAcme } = await api.post(
          "/admin/companies",
          { name: "Not Acme", billing_email: "ap@notacme.example", currency_code: "usd" },
          { headers: await adminHeaders(getContainer()) }
        )
        const other = await createClient({
          name: "Other ERP",
          scopes: ["orders:read", "orders:ack", "fulfillments:write"],
          sales_channel_ids: [elsewhere],
        })
        const byCompany = await createClient({
          name: "Other company",
          scopes: ["orders:read"],
          sales_channel_ids: ["*"],
          company_ids: [notAcme.company.id],
        })

        const { status, body } = await call("GET", `/erp/orders/${order.id}`, await token(mine))
        expect(status).toBe(200)
        expect(body.order).toMatchObject({
          version: ORDER_DOCUMENT_VERSION,
          id: order.id,
          display_id: order.display_id,
          currency_code: "usd",
          company_id: fixture.company_id,
          company: { name: "Acme Industrial", erp_account_number: "C-1001" },
          po_number: expect.stringMatching(/^PO-T/),
          total_minor: String(Math.round(Number(order.total) * 100)),
        })
        expect(body.order.lines).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              sku: "FAST-KIT-100",
              quantity: 2,
              unit_price_minor: expect.stringMatching(/^\d+$/),
            }),
          ])
        )

        const otherToken = await token(other)
        expect((await call("GET", `/erp/orders/${order.id}`, otherToken)).status).toBe(404)
        expect((await call("POST", `/erp/orders/${order.id}/ack`, otherToken, { erp_id: "X" })).status).toBe(404)
        expect(
          (
            await call("POST", "/erp/fulfillments", otherToken, {
              shipment_id: "S1",
              order_id: order.id,
              tracking_numbers: ["1Z"],
            })
          ).status
        ).toBe(404)
        const otherList = await call("GET", "/erp/orders?limit=100", otherToken)
        expect(otherList.body).toMatchObject({
          object: "list",
          version: ORDER_DOCUMENT_VERSION,
          data: [],
          has_more: false,
        })
        expect((await call("GET", `/erp/orders/${order.id}`, await token(byCompany))).status).toBe(404)

        const mineList = await call("GET", "/erp/orders?limit=100", await token(mine))
        expect(mineList.body.data.map((d: any) => d.id)).toEqual([order.id])
      })

      it("records the ERP's id on ack, idempotently, and refuses a different id for the same order", async () => {
        const client = await createClient({
          name: "WMS",
          scopes: ["orders:read", "orders:ack"],
          sales_channel_ids: ["*"],
        })
        const t = await token(client)
        const first = await call("POST", `/erp/orders/${order.id}/ack`, t, { erp_id: "SO-7001" })
        expect(first).toMatchObject({ status: 201, body: { order_id: order.id, erp_id: "SO-7001", created: true } })
        const again = await Promise.all(
          [1, 2, 3].map(() => call("POST", `/erp/orders/${order.id}/ack`, t, { erp_id: "SO-7001" }))
        )
        expect(again.map((r) => [r.status, r.body.created])).toEqual([
          [200, false],
          [200, false],
          [200, false],
        ])
        const conflict = await call("POST", `/erp/orders/${order.id}/ack`, t, { erp_id: "SO-9999" })
        expect(conflict).toMatchObject({
          status: 409,
          body: { type: "conflict", message: `erp_id: order ${order.id} was already acknowledged as SO-7001` },
        })
        const links = await erpService().listErpOrderLinks({ order_id: order.id, pull_client_id: client.id })
        expect(links.map((l) => l.erp_id)).toEqual(["SO-7001"])
      })

      it("walks every order at least once, with no page repeating one, while orders are inserted and updated", async () => {
        const channel = await createSalesChannel("Walk")
        const client = await createClient({ name: "Walker", scopes: ["orders:read"], sales_channel_ids: [channel] })
        const t = await token(client)
        const service = erpService()
        const versions = new Map<string, number>()
        const write = async (id: string) => {
          const version = (versions.get(id) ?? 0) + 1
          versions.set(id, version)
          await service.upsertOrderDocument(doc(id, channel, version) as never)
        }
        const initial = Array.from({ length: 300 }, (_, i) => `order_walk_${String(i).padStart(4, "0")}`)
        for (let i = 0; i < initial.length; i += 25) await Promise.all(initial.slice(i, i + 25).map(write))

        // Writers: new orders and updates of existing ones, concurrently with the walk.
        let walking = true
        const writtenBefore = new Map<string, number>()
        const writers = [0, 1, 2].map(async (w) => {
          for (let n = 0; walking; n++) {
            const id = n % 2 === 0 ? `order_walk_new_${w}_${n}` : initial[Math.floor(Math.random() * initial.length)]!
            await write(id)
            writtenBefore.set(id, Date.now())
            await new Promise((r) => setTimeout(r, 3))
          }
        })

        const seen = new Map<string, number[]>()
        let cursor: string | null = null
        let pages = 0
        let lastRequestAt = 0
        for (;;) {
          lastRequestAt = Date.now()
          const { status, body } = await call("GET", `/erp/orders?limit=25${cursor ? `&cursor=${cursor}` : ""}`, t)
          expect(status).toBe(200)
          pages++
          const ids = body.data.map((d: any) => d.id)
          expect(new Set(ids).size).toBe(ids.length)
          for (const d of body.data) seen.set(d.id, [...(seen.get(d.id) ?? []), Number(d.po_number)])
          cursor = body.next_cursor
          if (!body.has_more) break
          if (pages === 10) await new Promise((r) => setTimeout(r, 50))
        }
        walking = false
        await Promise.all(writers)

        expect(pages).toBeGreaterThan(12)
        for (const id of initial) expect(seen.has(id)).toBe(true)
        // Whatever was written before the last page was asked for is in the walk.
        for (const [id, at] of writtenBefore) if (at < lastRequestAt) expect(seen.has(id)).toBe(true)
        // An order comes back only when it changed: each sighting is a newer version.
        for (const [, seqs] of seen)
          for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!)

        // updated_since starts a walk at a point in time.
        const since = new Date(Date.now() - 60_000).toISOString()
        const recent = await call("GET", `/erp/orders?limit=5&updated_since=${encodeURIComponent(since)}`, t)
        expect(recent.body.data).toHaveLength(5)
        const badCursor = await call("GET", "/erp/orders?cursor=not-a-cursor", t)
        expect(badCursor.status).toBe(400)
      })
    })
  },
})
