import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { Webhook } from "standardwebhooks"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { waitFor } from "../../helpers/store-client"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import { sealSecrets } from "../../../src/modules/outbox/lib/endpoint-secrets"
import { loadHubConfig } from "../../../src/lib/config/env"
import { generateSecret } from "../../../webhooks"
import { adminHttp, createEndpoint, HubHttp, issuePartner, IssuedPartner, webhookHeaders } from "./helpers"

jest.setTimeout(180_000)

process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-wh-behaviour`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
delete process.env.WEBHOOK_ALLOW_HTTP

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let receiver: PartnerReceiver
    let admin: HubHttp
    let acme: IssuedPartner
    let globex: IssuedPartner

    beforeAll(async () => {
      receiver = await startPartnerReceiver()
      admin = await adminHttp(api.defaults.baseURL!, getContainer())
      acme = await issuePartner(admin, "Acme Analytics")
      globex = await issuePartner(admin, "Globex Freight")
    })
    afterAll(async () => {
      await receiver?.close()
    })
    beforeEach(() => {
      receiver.clear()
      receiver.resetBehaviours()
    })

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const sendTest = async (endpointId: string) => {
      const answer = await admin.post(`/admin/webhooks/endpoints/${endpointId}/test`, {})
      expect(answer.status).toBe(202)
      return answer.body as { event_id: string; delivery_id: string }
    }
    /** The delivery with its attempt log (GET /admin/webhooks/deliveries/:id). */
    const delivery = async (id: string) => {
      const { body } = await admin.get(`/admin/webhooks/deliveries/${id}`)
      return { ...body.delivery, log: body.attempts }
    }

    it("disables an endpoint that answers 410, and tells only the same partner's other endpoints", async () => {
      const gone = await createEndpoint(acme, { url: `${receiver.url}/gone`, event_types: ["order.placed"] })
      const watcher = await createEndpoint(acme, {
        url: `${receiver.url}/watcher`,
        event_types: ["webhook.endpoint.disabled"],
      })
      await createEndpoint(globex, { url: `${receiver.url}/globex`, event_types: ["*"] })
      receiver.respond("/gone", { status: 410 })

      const sent = await sendTest(gone.id)
      const failed = await waitFor(
        async () => {
          const d = await delivery(sent.delivery_id)
          return d.status === "failed" ? d : undefined
        },
        20_000,
        "the 410 to fail the delivery"
      )
      expect(failed).toMatchObject({ failure_reason: "endpoint_gone", attempts: 1, last_status_code: 410 })
      const endpoint = (await acme.http.get(`/partners/endpoints/${gone.id}`)).body.endpoint
      expect(endpoint).toMatchObject({ enabled: false, disabled_reason: "gone" })

      await receiver.waitForCount(1, { path: "/watcher", timeoutMs: 20_000 })
      const [notice] = receiver.deliveries("/watcher")
      const body = new Webhook(watcher.secret).verify(notice.body, webhookHeaders(notice.headers)) as any
      expect(body).toMatchObject({
        type: "webhook.endpoint.disabled",
        resource: { type: "webhook_endpoint", id: gone.id },
        data: { endpoint: { id: gone.id, partner_id: acme.id }, reason: "gone" },
      })
      await new Promise((r) => setTimeout(r, 500))
      expect(receiver.count("/globex")).toBe(0) // another partner never hears about Acme's endpoints
      expect(receiver.count("/gone")).toBe(1)

      // Disabled: new events skip it, and a test is refused until it is re-enabled.
      expect((await admin.post(`/admin/webhooks/endpoints/${gone.id}/test`, {})).status).toBe(400)
      expect((await acme.http.post(`/partners/deliveries/${sent.delivery_id}/retry`)).body.message).toContain(
        "is disabled"
      )
    })

    it("logs a first-attempt success and a later resend, each with its status and response", async () => {
      const { id } = await createEndpoint(acme, { url: `${receiver.url}/fine`, event_types: ["order.placed"] })
      receiver.respond("/fine", { status: 200, body: "first" }, { times: 1 })
      const sent = await sendTest(id)
      const deliveredOnce = async () => {
        const d = await delivery(sent.delivery_id)
        return d.status === "delivered" ? d : undefined
      }
      const first = await waitFor(deliveredOnce, 20_000, "the first delivery")
      expect(first.log).toEqual([
        expect.objectContaining({
          attempt: 1,
          outcome: "success",
          status_code: 200,
          response_body: "first",
          error: null,
        }),
      ])
      expect(Date.parse(first.log[0].started_at)).toBeLessThanOrEqual(Date.parse(first.completed_at))

      receiver.respond("/fine", { status: 202, body: "again" })
      expect((await admin.post(`/admin/webhooks/deliveries/${sent.delivery_id}/retry`, {})).status).toBeLessThan(300)
      const resent = await waitFor(
        async () => {
          const d = await delivery(sent.delivery_id)
          return d.log.length === 2 && d.status === "delivered" ? d : undefined
        },
        20_000,
        "the resend"
      )
      expect(resent.log.map((a: any) => [a.attempt, a.outcome, a.status_code, a.response_body])).toEqual([
        [1, "success", 200, "first"],
        [2, "success", 202, "again"],
      ])
    })

    it("honours Retry-After on a 503, within twice the scheduled delay", async () => {
      const { id } = await createEndpoint(acme, {
        url: `${receiver.url}/busy`,
        event_types: ["order.placed"],
        retry_schedule_ms: [0, 2000, 2000],
      })
      receiver.respond("/busy", { status: 503, headers: { "retry-after": "3" } }, { times: 1 })
      const sent = await sendTest(id)
      await receiver.waitForCount(2, { path: "/busy", timeoutMs: 20_000 })
      const [first, second] = receiver.deliveries("/busy")
      const gap = second.receivedAt - first.receivedAt
      // Without Retry-After the retry would come after 2 s ± 20 %; the receiver asked for 3 s.
      expect(gap).toBeGreaterThanOrEqual(2_900)
      expect(gap).toBeLessThan(6_000)
      expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"])
      await waitFor(async () => (await delivery(sent.delivery_id)).status === "delivered", 10_000, "delivered")
      const detail = await delivery(sent.delivery_id)
      expect(detail.log.map((a: any) => [a.attempt, a.status_code])).toEqual([
        [1, 503],
        [2, 200],
      ])
    })

    it("spends no attempt while the endpoint's circuit breaker is open", async () => {
      const { id } = await createEndpoint(acme, {
        url: `${receiver.url}/flaky`,
        event_types: ["order.placed"],
        max_concurrency: 1,
        retry_schedule_ms: [0, 600_000],
      })
      receiver.respond("/flaky", { status: 500 })
      const sent = []
      for (let i = 0; i < 30; i++) sent.push(await sendTest(id))
      const rows = async () =>
        (
          await pg().raw(
            `select d.id, d.status, d.attempts, d.next_attempt_at, d.lease_until,
                    (select count(*) from delivery_attempt a where a.delivery_id = d.id)::int as logged
               from delivery d where d.target_id = ?`,
            [id]
          )
        ).rows as {
          id: string
          status: string
          attempts: number
          next_attempt_at: Date
          lease_until: Date | null
          logged: number
        }[]
      // Settled: nothing leased (in flight) any more.
      await waitFor(
        async () => {
          const all = await rows()
          return all.length === 30 && all.every((r) => !r.lease_until || new Date(r.lease_until).getTime() < Date.now())
        },
        30_000,
        "every delivery attempted, deferred or left unclaimed"
      )
      const all = await rows()
      const spared = all.filter((r) => r.attempts === 0)
      const attempted = all.filter((r) => r.attempts === 1)
      // The breaker opens after 10 failures in its window (volumeThreshold 10, 50 %).
      expect(attempted.length).toBeGreaterThanOrEqual(10)
      expect(attempted.length).toBeLessThanOrEqual(12)
      expect(spared.length).toBe(30 - attempted.length)
      // The rest spent nothing: deferred until half-open (a pending row with a later
      // next_attempt_at) or, once the breaker was open, not even claimed.
      for (const r of spared) expect(r).toMatchObject({ status: "pending", logged: 0 })
      expect(receiver.count("/flaky")).toBe(attempted.length)
      expect(all.reduce((n, r) => n + r.logged, 0)).toBe(attempted.length)
      expect(sent).toHaveLength(30)
    })

    it("refuses private destinations at send time too, with the address class in the attempt log", async () => {
      // Endpoints written behind the API's back (or allowed by a since-narrowed allowlist).
      const hub = getContainer().resolve(OUTBOX_MODULE) as any
      const targets: [string, string][] = [
        ["http://10.0.0.7:8080/hook", "private"],
        ["http://172.20.1.1/hook", "private"],
        ["http://192.168.0.9/hook", "private"],
        ["http://127.0.0.9:9/hook", "loopback"],
        ["http://[::1]:9/hook", "loopback"],
        ["http://169.254.169.254/latest/meta-data", "metadata"],
        ["http://169.254.3.3/hook", "link-local"],
        ["http://[fe80::2]/hook", "link-local"],
        ["http://100.64.1.1/hook", "cgnat"],
        ["http://0.0.0.0:9/hook", "unspecified"],
        ["http://224.0.0.251/hook", "multicast"],
        ["http://255.255.255.255/hook", "broadcast"],
        ["http://240.1.1.1/hook", "reserved"],
        ["http://198.19.0.1/hook", "benchmarking"],
        ["http://203.0.113.5/hook", "documentation"],
        ["http://192.0.0.9/hook", "ietf-protocol"],
        ["http://[fd12::1]/hook", "unique-local"],
        ["http://[::ffff:192.168.0.1]/hook", "private (IPv4-mapped 192.168.0.1)"],
        ["http://[64:ff9b::a00:1]/hook", "private (NAT64 10.0.0.1)"],
        ["http://[2002:c0a8:1::]/hook", "private (6to4 192.168.0.1)"],
        ["http://[2001:0:1::1]/hook", "teredo"],
      ]
      const sent: [string, string, string][] = []
      for (const [url, addressClass] of targets) {
        // Sealed secrets are bound to their endpoint's id.
        const id = generateEntityId(undefined, "ep")
        const secrets = sealSecrets([{ secret: generateSecret(), expiresAt: null }], loadHubConfig(), id)
        const endpoint = await hub.createWebhookEndpoints({
          id,
          partner_id: acme.id,
          url,
          event_types: ["order.placed"],
          secrets,
          schedule_ms: [0],
        })
        sent.push([url, addressClass, (await sendTest(endpoint.id)).delivery_id])
      }
      for (const [url, addressClass, deliveryId] of sent) {
        const d = await waitFor(
          async () => {
            const detail = await delivery(deliveryId)
            return detail.status === "failed" ? detail : undefined
          },
          20_000,
          `the delivery to ${url} to fail`
        )
        expect({ url, outcome: d.log[0].outcome, status: d.log[0].status_code }).toEqual({
          url,
          outcome: "blocked",
          status: null,
        })
        expect(d.log[0].error).toContain(`is a ${addressClass} address`)
      }
    })

    it("keeps the same webhook-id across automatic retries and records each attempt", async () => {
      const { id, secret } = await createEndpoint(acme, {
        url: `${receiver.url}/twice`,
        event_types: ["order.placed"],
        retry_schedule_ms: [0, 500, 500],
      })
      receiver.respond("/twice", { status: 502 }, { times: 2 })
      const sent = await sendTest(id)
      await receiver.waitForCount(3, { path: "/twice", timeoutMs: 20_000 })
      const ids = receiver.deliveries("/twice").map((d) => d.headers["webhook-id"])
      expect(new Set(ids)).toEqual(new Set([sent.event_id]))
      const timestamps = receiver.deliveries("/twice").map((d) => d.headers["webhook-timestamp"])
      expect(timestamps.every(Boolean)).toBe(true)
      for (const d of receiver.deliveries("/twice"))
        expect(() => new Webhook(secret).verify(d.body, webhookHeaders(d.headers))).not.toThrow()
      await waitFor(async () => (await delivery(sent.delivery_id)).status === "delivered", 10_000, "delivered")
      expect((await delivery(sent.delivery_id)).log.map((a: any) => a.status_code)).toEqual([502, 502, 200])
    })
  },
})
