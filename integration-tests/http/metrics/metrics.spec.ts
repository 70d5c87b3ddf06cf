import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { configureMetrics, metricsSettings } from "../../../src/lib/metrics/scrape"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { waitFor } from "../../helpers/store-client"
import { adminHttp, createEndpoint, HubHttp, issuePartner, IssuedPartner } from "../webhooks/helpers"
import { freshBuyer, useMerchant, useStripeSandbox, waitForInvoice } from "../invoicing/helpers"

jest.setTimeout(180_000)

const TOKEN = "metrics-spec-token-0123456789"

const sbx = useStripeSandbox("metrics", [42_730, 42_739], {
  METRICS_TOKEN: TOKEN,
  WEBHOOK_ALLOWLIST: "127.0.0.1",
  REDIS_URL: "redis://127.0.0.1:6379",
})
delete process.env.WEBHOOK_ALLOW_HTTP

/** One sample of the text format: `name{labels} value`. */
type Sample = { name: string; labels: Record<string, string>; value: number }
type Exposition = { samples: Sample[]; help: Set<string>; types: Map<string, string> }

/** Parses Prometheus' text format (version 0.0.4) strictly enough to catch a malformed line. */
function parseExposition(text: string): Exposition {
  const samples: Sample[] = []
  const help = new Set<string>()
  const types = new Map<string, string>()
  for (const line of text.split("\n")) {
    if (!line) continue
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line)
    if (comment) {
      if (comment[1] === "HELP") help.add(comment[2])
      else types.set(comment[2], comment[3])
      continue
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!sample) throw new Error(`not a sample line: ${line}`)
    const labels: Record<string, string> = {}
    for (const [, key, value] of (sample[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[key] = value
    samples.push({ name: sample[1], labels, value: Number(sample[3]) })
  }
  return { samples, help, types }
}

/** A sample's family: histograms' and summaries' series carry a suffix. */
function familyOf(name: string, types: Map<string, string>): string {
  if (types.has(name)) return name
  const base = name.replace(/_(bucket|sum|count)$/, "")
  return types.has(base) ? base : name
}

/** The value of the one series of `name` with `labels` (0 when absent, as a counter not yet incremented). */
function valueOf(e: Exposition, name: string, labels: Record<string, string> = {}): number {
  const found = e.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
  return found.reduce((sum, s) => sum + s.value, 0)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const commerce = useMerchant(api, getContainer, sbx)
    let receiver: PartnerReceiver
    let admin: HubHttp
    let partner: IssuedPartner
    let anonymous: HubHttp

    beforeAll(async () => {
      receiver = await startPartnerReceiver()
      admin = await adminHttp(api.defaults.baseURL!, getContainer())
      anonymous = admin.as(undefined)
      partner = await issuePartner(admin, "Metrics Watcher")
    })
    afterAll(async () => {
      await receiver?.close()
    })

    const scrape = async () => {
      const answer = await anonymous.call("GET", "/metrics", undefined, { authorization: `Bearer ${TOKEN}` })
      expect(answer.status).toBe(200)
      return { ...answer, exposition: parseExposition(answer.body as string) }
    }

    it("answers a wrong or missing token with 401, and the right one with every family described", async () => {
      for (const authorization of [undefined, `Bearer ${TOKEN}-not`, `Basic ${TOKEN}`]) {
        const refused = await anonymous.call("GET", "/metrics", undefined, authorization ? { authorization } : {})
        expect(refused.status).toBe(401)
        expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="backy-metrics"')
        expect(JSON.stringify(refused.body)).not.toContain("backy_")
      }

      const { headers, exposition } = await scrape()
      // Prometheus' text format 0.0.4 (Express reorders the parameters).
      expect(headers.get("content-type")).toMatch(/^text\/plain;/)
      expect(headers.get("content-type")).toContain("version=0.0.4")
      expect(exposition.samples.length).toBeGreaterThan(0)
      for (const sample of exposition.samples) {
        const family = familyOf(sample.name, exposition.types)
        expect({ family, help: exposition.help.has(family), type: exposition.types.has(family) }).toEqual({
          family,
          help: true,
          type: true,
        })
      }
      for (const family of [
        "backy_delivery_results_total",
        "backy_delivery_queue_depth",
        "backy_delivery_oldest_due_age_seconds",
        "backy_erp_sync_lag_seconds",
        "backy_breakers",
        "backy_invoices",
        "backy_money_drift_orders",
        "backy_oauth_token_refusals_total",
        "backy_http_request_duration_seconds",
      ])
        expect(exposition.types.has(family)).toBe(true)
      // Every scrape-time source answered in time.
      const sources = exposition.samples.filter((s) => s.name === "backy_metrics_source_up")
      expect(Object.fromEntries(sources.map((s) => [s.labels.source, s.value]))).toEqual({
        outbox: 1,
        erp: 1,
        invoicing: 1,
        money_drift: 1,
      })
    })

    it("does not exist without METRICS_TOKEN: the same 404 as a path nobody serves", async () => {
      const configured = metricsSettings()!
      configureMetrics({ ...configured, token: undefined })
      try {
        const unknown = await anonymous.call("GET", "/no-such-metrics", undefined, { authorization: `Bearer ${TOKEN}` })
        const answer = await anonymous.call("GET", "/metrics", undefined, { authorization: `Bearer ${TOKEN}` })
        expect(answer.status).toBe(404)
        expect(answer.body).toBe(String(unknown.body).replace("/no-such-metrics", "/metrics"))
      } finally {
        configureMetrics(configured)
      }
      expect((await scrape()).status).toBe(200)
    })

    it("counts a delivered webhook, an issued invoice and a refused token, and labels latency by route pattern", async () => {
      const before = (await scrape()).exposition
      const endpoint = await createEndpoint(partner, {
        url: `${receiver.url}/metrics`,
        event_types: ["order.placed"],
      })

      // A webhook to the partner sandbox.
      const sent = await admin.post(`/admin/webhooks/endpoints/${endpoint.id}/test`, {})
      expect(sent.status).toBe(202)
      await receiver.waitForCount(1, { path: "/metrics", timeoutMs: 20_000 })

      // An invoice issued for a real checkout.
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce().publishable_key)
      const [kit] = commerce().variants
      const cart = await buyer.store.createCart({
        region_id: commerce().region_id,
        items: [{ variant_id: kit.id, quantity: 2 }],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-METRICS" })
      const invoice = await waitForInvoice(getContainer(), order.id, (row) => row.status === "open", "an open invoice")

      // A refused token request.
      const refused = await anonymous.post("/partners/oauth/token", {
        grant_type: "client_credentials",
        client_id: partner.client_id,
        client_secret: "not-the-secret",
      })
      expect(refused.status).toBe(401)

      // The order.placed webhook too: two results recorded, both successes.
      await receiver.waitForCount(2, { path: "/metrics", timeoutMs: 30_000 })
      const after = await waitFor(
        async () => {
          const { exposition } = await scrape()
          const delivered =
            valueOf(exposition, "backy_delivery_results_total", { target: "webhook", outcome: "success" }) -
            valueOf(before, "backy_delivery_results_total", { target: "webhook", outcome: "success" })
          return delivered >= 2 ? exposition : undefined
        },
        20_000,
        "the webhook results to be counted"
      )

      expect(
        valueOf(after, "backy_oauth_token_refusals_total", { endpoint: "partners", reason: "invalid_client" }) -
          valueOf(before, "backy_oauth_token_refusals_total", { endpoint: "partners", reason: "invalid_client" })
      ).toBe(1)
      expect(valueOf(after, "backy_oauth_token_refusals_total", { endpoint: "erp" })).toBe(
        valueOf(before, "backy_oauth_token_refusals_total", { endpoint: "erp" })
      )
      expect(invoice.status).toBe("open")
      expect(valueOf(after, "backy_invoices", { status: "open" })).toBe(
        valueOf(before, "backy_invoices", { status: "open" }) + 1
      )
      const statuses = after.samples.filter((s) => s.name === "backy_invoices").map((s) => s.labels.status)
      expect(statuses.sort()).toEqual(["draft", "open", "paid", "pending", "uncollectible", "void"])

      // Gauges per lane, nothing left due; this process runs the workers and holds the endpoint's closed breaker.
      const lanes = after.samples
        .filter((s) => s.name === "backy_delivery_queue_depth")
        .map((s) => `${s.labels.target}/${s.labels.lane}`)
      expect(lanes.sort()).toEqual(["erp/sync", "webhook/first", "webhook/retry"])
      expect(valueOf(after, "backy_delivery_queue_depth", { target: "webhook" })).toBe(0)
      expect(valueOf(after, "backy_breakers", { target: "webhook", state: "open" })).toBe(0)
      expect(valueOf(after, "backy_breakers", { target: "webhook", state: "closed" })).toBeGreaterThanOrEqual(1)
      expect(valueOf(after, "backy_erp_sync_lag_seconds")).toBeGreaterThanOrEqual(0)
      expect(Number.isInteger(valueOf(after, "backy_money_drift_orders"))).toBe(true)

      // Latency by route pattern: the test route's series, and no raw id in any label.
      const http = after.samples.filter((s) => s.name === "backy_http_request_duration_seconds_count")
      expect(http).toContainEqual({
        name: "backy_http_request_duration_seconds_count",
        labels: { method: "POST", route: "/admin/webhooks/endpoints/:id/test", status_class: "2xx" },
        value: 1,
      })
      expect(http).toContainEqual(
        expect.objectContaining({
          labels: { method: "POST", route: "/partners/oauth/token", status_class: "4xx" },
        })
      )
      const labelValues = http.flatMap((s) => Object.values(s.labels)).join(" ")
      for (const id of [endpoint.id, order.id, cart.id, invoice.id]) expect(labelValues).not.toContain(id)
    })
  },
})
