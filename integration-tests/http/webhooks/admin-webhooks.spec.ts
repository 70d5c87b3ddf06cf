import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { waitFor } from "../../helpers/store-client"
import { adminHttp, HubHttp, issuePartner, IssuedPartner } from "./helpers"

jest.setTimeout(180_000)

process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-wh-admin`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
delete process.env.WEBHOOK_ALLOW_HTTP

/**
 * What the operators' dashboard reads beyond the partner API: each
 * endpoint's health (how its latest deliveries ended, its breaker) and the
 * deliveries about one resource (an order's webhooks, on Medusa's order page).
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let receiver: PartnerReceiver
    let admin: HubHttp
    let partner: IssuedPartner
    let healthy: string
    let failing: string

    const createAdminEndpoint = async (path: string, extra: Record<string, unknown> = {}) => {
      const answer = await admin.post("/admin/webhooks/endpoints", {
        partner_id: partner.id,
        url: `${receiver.url}${path}`,
        event_types: ["order.placed"],
        ...extra,
      })
      expect(answer.status).toBe(201)
      return answer.body.endpoint.id as string
    }
    const sendTest = async (endpointId: string) => {
      const answer = await admin.post(`/admin/webhooks/endpoints/${endpointId}/test`, {})
      expect(answer.status).toBe(202)
      return answer.body as { event_id: string; delivery_id: string }
    }
    const finished = (id: string) =>
      waitFor(
        async () => {
          const { body } = await admin.get(`/admin/webhooks/deliveries/${id}`)
          return body.delivery.status === "pending" ? undefined : body.delivery
        },
        20_000,
        `delivery ${id} to finish`
      )

    beforeAll(async () => {
      receiver = await startPartnerReceiver()
      admin = await adminHttp(api.defaults.baseURL!, getContainer())
      partner = await issuePartner(admin, "Dashboard Partner")
      healthy = await createAdminEndpoint("/healthy")
      // One attempt only: a 500 fails the delivery at once.
      failing = await createAdminEndpoint("/failing", { retry_schedule_ms: [0] })
      receiver.respond("/failing", { status: 500, body: "down" })
      await finished((await sendTest(healthy)).delivery_id)
      await finished((await sendTest(healthy)).delivery_id)
      await finished((await sendTest(failing)).delivery_id)
    })
    afterAll(async () => {
      await receiver?.close()
    })

    describe("GET /admin/webhooks/endpoints", () => {
      it("gives each endpoint its health: how its latest deliveries ended and its breaker", async () => {
        const answer = await admin.get(`/admin/webhooks/endpoints?partner_id=${partner.id}`)
        expect(answer.status).toBe(200)
        const byId = Object.fromEntries(answer.body.endpoints.map((e: any) => [e.id, e]))
        expect(byId[healthy].health).toEqual({
          recent: 2,
          delivered: 2,
          failed: 0,
          pending: 0,
          retrying: 0,
          canceled: 0,
          success_rate: 1,
          last_delivery_at: expect.any(String),
          // The test runs Medusa with its workers in this process, so their breakers are read here.
          breaker: "closed",
        })
        expect(byId[failing].health).toMatchObject({ recent: 1, delivered: 0, failed: 1, success_rate: 0 })
        expect(byId[failing]).toMatchObject({ enabled: true, failing_since: expect.any(String) })
      })

      it("gives an endpoint without deliveries an empty health, with no success rate", async () => {
        const idle = await createAdminEndpoint("/idle")
        const answer = await admin.get(`/admin/webhooks/endpoints/${idle}`)
        expect(answer.status).toBe(200)
        expect(answer.body.endpoint.health).toMatchObject({ recent: 0, success_rate: null, last_delivery_at: null })
        expect(answer.body.endpoint).not.toHaveProperty("secrets")
        expect(answer.body.endpoint).not.toHaveProperty("secret")
      })
    })

    describe("GET /admin/webhooks/endpoints/:id", () => {
      it("shows the endpoint with its health", async () => {
        const answer = await admin.get(`/admin/webhooks/endpoints/${failing}`)
        expect(answer.status).toBe(200)
        expect(answer.body.endpoint).toMatchObject({ id: failing, health: { failed: 1, success_rate: 0 } })
      })

      it("answers 404 for an unknown endpoint", async () => {
        const answer = await admin.get("/admin/webhooks/endpoints/we_unknown")
        expect(answer.status).toBe(404)
      })
    })

    describe("GET /admin/webhooks/deliveries", () => {
      it("lists the deliveries of the events about one resource", async () => {
        const answer = await admin.get(
          `/admin/webhooks/deliveries?resource_type=webhook_endpoint&resource_id=${healthy}`
        )
        expect(answer.status).toBe(200)
        expect(answer.body.deliveries).toHaveLength(2)
        for (const d of answer.body.deliveries)
          expect(d).toMatchObject({ endpoint_id: healthy, event_type: "webhook.test", status: "delivered" })

        const other = await admin.get(`/admin/webhooks/deliveries?resource_type=order&resource_id=${healthy}`)
        expect(other.body.deliveries).toEqual([])
      })

      it("combines the resource with the other filters and pages with the cursor", async () => {
        const first = await admin.get(
          `/admin/webhooks/deliveries?resource_type=webhook_endpoint&resource_id=${healthy}&limit=1`
        )
        expect(first.body.deliveries).toHaveLength(1)
        expect(first.body.next_cursor).toEqual(expect.any(String))
        const second = await admin.get(
          `/admin/webhooks/deliveries?resource_type=webhook_endpoint&resource_id=${healthy}&limit=1&cursor=${first.body.next_cursor}`
        )
        expect(second.body.deliveries).toHaveLength(1)
        expect(second.body.deliveries[0].id).not.toBe(first.body.deliveries[0].id)
        expect(second.body.next_cursor).toBeNull()

        const failed = await admin.get(
          `/admin/webhooks/deliveries?resource_type=webhook_endpoint&resource_id=${failing}&status=failed`
        )
        expect(failed.body.deliveries).toEqual([
          expect.objectContaining({ endpoint_id: failing, status: "failed", last_status_code: 500 }),
        ])
      })

      it("refuses a resource id without its type, and a type without an id, naming the field", async () => {
        const noType = await admin.get(`/admin/webhooks/deliveries?resource_id=${healthy}`)
        expect(noType.status).toBe(400)
        expect(noType.body.message).toMatch(/^resource_type: /)
        const noId = await admin.get("/admin/webhooks/deliveries?resource_type=order")
        expect(noId.status).toBe(400)
        expect(noId.body.message).toMatch(/^resource_id: /)
      })
    })
  },
})
