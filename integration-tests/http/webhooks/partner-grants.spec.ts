import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { StoreClient, waitFor } from "../../helpers/store-client"
import { seedBuyer, SeededBuyer } from "../../../src/scripts/seed/seed-buyer"
import { seedCompanyWithContract } from "../../../src/scripts/seed/seed-company"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { adminHttp, createEndpoint, HubHttp, issuePartner, IssuedPartner } from "./helpers"

jest.setTimeout(240_000)

const STRIPE_PORT = 41_631
const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtcGFydG5lci1ncmFudHM="
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-grants`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
delete process.env.WEBHOOK_ALLOW_HTTP

/**
 * Partners receive only the companies and channels they are granted, end
 * to end: real checkouts by buyers of three companies (one a subsidiary),
 * partners granted one company, a channel, nothing, then everything; their
 * delivery lists and recoveries follow the same rule.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let receiver: PartnerReceiver
    let fixture: B2bFixture
    let admin: HubHttp
    let globexBuyer: SeededBuyer
    let acmeWestBuyer: SeededBuyer
    let globexId: string
    let acmeWestId: string
    const partners = {} as Record<"acme" | "globex" | "channel" | "none", IssuedPartner & { endpoint_id: string }>
    const password = "correct-horse-battery"

    const orderAs = async (who: { email: string }) => {
      const store = new StoreClient(api.defaults.baseURL!, fixture.publishable_key)
      await store.login(who.email, password)
      const cart = await store.createCart({
        region_id: fixture.region_id,
        items: [{ variant_id: fixture.variants[0].id, quantity: 2 }],
      })
      const order = await store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID })
      return order.id as string
    }
    /** Order ids of the order.placed webhooks a partner's receiver path got. */
    const placedAt = (path: string) =>
      receiver
        .deliveries(`/${path}`)
        .map((d) => JSON.parse(d.body))
        .filter((e) => e.type === "order.placed")
        .map((e) => e.resource.id as string)

    beforeAll(async () => {
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      receiver = await startPartnerReceiver()
      const container = getContainer()
      fixture = await seedB2bFixture(container)
      const globex = await seedCompanyWithContract(container, {
        name: "Globex",
        currency_code: "usd",
        payment_terms: "net_30",
        credit_limit_minor: 5_000_000,
      })
      globexId = globex.company_id
      globexBuyer = await seedBuyer(container, { email: "buyer@globex.example", password, company_id: globexId })
      const west = await seedCompanyWithContract(container, {
        name: "Acme West",
        currency_code: "usd",
        payment_terms: "net_30",
        credit_limit_minor: 5_000_000,
        parent_company_id: fixture.company_id,
      })
      acmeWestId = west.company_id
      acmeWestBuyer = await seedBuyer(container, { email: "buyer@west.acme.example", password, company_id: acmeWestId })

      admin = await adminHttp(api.defaults.baseURL!, container)
      const grants = {
        acme: { company_ids: [fixture.company_id] },
        globex: { company_ids: [globexId] },
        channel: { sales_channel_ids: [fixture.sales_channel_id] },
        none: {},
      }
      for (const [key, grant] of Object.entries(grants) as [keyof typeof partners, Record<string, unknown>][]) {
        const partner = await issuePartner(admin, `Partner ${key}`, undefined, grant)
        const { id } = await createEndpoint(partner, { url: `${receiver.url}/${key}`, event_types: ["order.placed"] })
        partners[key] = { ...partner, endpoint_id: id }
      }
    })

    afterAll(async () => {
      await Promise.allSettled([stripe?.close(), receiver?.close()])
    })

    it("each partner receives only the orders of the companies and channels it is granted; an ungranted partner none", async () => {
      const acmeOrder = await orderAs(fixture.buyer)
      const globexOrder = await orderAs(globexBuyer)
      const westOrder = await orderAs(acmeWestBuyer)

      await waitFor(() => placedAt("channel").length >= 3, 30_000, "the channel partner's three orders")
      await waitFor(() => placedAt("acme").length >= 2 && placedAt("globex").length >= 1, 30_000, "the others")
      expect(placedAt("channel").sort()).toEqual([acmeOrder, globexOrder, westOrder].sort())
      // A grant on Acme covers its subsidiary Acme West.
      expect(placedAt("acme").sort()).toEqual([acmeOrder, westOrder].sort())
      expect(placedAt("globex")).toEqual([globexOrder])
      expect(placedAt("none")).toEqual([])

      // The delivery lists hold only what was granted: Globex's partner has no delivery about Acme's orders.
      const listed = await partners.globex.http.get("/partners/deliveries")
      expect(listed.status).toBe(200)
      expect(listed.body.deliveries).toHaveLength(1)
      expect(listed.body.deliveries[0]).toMatchObject({ event_type: "order.placed" })
      const nothing = await partners.none.http.get("/partners/deliveries")
      expect(nothing.body.deliveries).toEqual([])

      // Partners read their own grants.
      const own = await partners.acme.http.get("/partners/grants")
      expect(own.body).toEqual({ grants: { sales_channel_ids: ["*"], company_ids: [fixture.company_id] } })
    })

    it("a grant applies to events recorded after it; recovering since before it sends nothing the partner was not granted then", async () => {
      const before = new Date(Date.now() - 60_000).toISOString()
      const granted = await admin.post(`/admin/webhooks/partners/${partners.none.id}`, { grants: { all: true } })
      expect(granted.status).toBe(200)
      expect(granted.body.partner.grants).toEqual({ sales_channel_ids: ["*"], company_ids: [] })

      const recovered = await partners.none.http.post(`/partners/endpoints/${partners.none.endpoint_id}/recover`, {
        since: before,
      })
      expect(recovered.status).toBeLessThan(300)
      const later = await orderAs(globexBuyer)
      await waitFor(() => placedAt("none").length >= 1, 30_000, "the newly granted partner's first order")
      expect(placedAt("none")).toEqual([later])
    })

    it("staff grants are validated: a 400 names the field", async () => {
      const bad = await admin.post(`/admin/webhooks/partners/${partners.acme.id}`, {
        grants: { company_ids: ["acme"] },
      })
      expect(bad.status).toBe(400)
      expect(bad.body.message).toContain("company_ids")
      const mixed = await admin.post(`/admin/webhooks/partners/${partners.acme.id}`, {
        grants: { all: true, company_ids: [globexId] },
      })
      expect(mixed.status).toBe(400)
      expect(mixed.body.message).toContain("all")
      const still = await admin.get(`/admin/webhooks/partners/${partners.acme.id}`)
      expect(still.body.partner.grants.company_ids).toEqual([fixture.company_id])
    })
  },
})
