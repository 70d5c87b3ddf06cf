import type { Browser } from "playwright-core"
import { buildDashboard, openDashboard, screenshotFolder, startKeptHub, type Dashboard, type KeptHub } from "./harness"
import { canListen, loginStatus, printedPorts, redisKeys } from "./kept-demo"
import { companiesPages } from "./pages/companies"
import { webhooksPages } from "./pages/webhooks"
import { invoicesErpPages } from "./pages/invoices-erp"
import { approvalsQuotesPages } from "./pages/approvals-quotes"

jest.setTimeout(600_000)

/**
 * Medusa's admin dashboard with backy's pages, driven in headless Chromium
 * against the hub `npm run demo -- --keep` leaves running (migrated, seeded,
 * one order through every hop, a quote accepted into a second). Each area's
 * pages are checked in ./pages/; every page is saved as a screenshot into the
 * folder printed at the start.
 */
let hub: KeptHub
let browser: Browser
let dashboard: Dashboard
const screenshots = screenshotFolder()
const queuePrefix = `backy-dashboard-${process.pid}`

beforeAll(async () => {
  await buildDashboard()
  hub = await startKeptHub(queuePrefix.replace(/-/g, "_"))
  ;({ browser, dashboard } = await openDashboard(hub, screenshots))
  console.log(`dashboard screenshots: ${screenshots}`)
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await hub?.stop()
})

describe("npm run demo -- --keep", () => {
  it("leaves the hub and the sandboxes up on the demo's data, with the logins it printed", async () => {
    expect(hub.output()).toMatch(new RegExp(`^\\[hub\\]\\s+listening on \\S+, Redis namespace ${queuePrefix} `, "m"))
    expect(hub.output()).toMatch(/^\s+dashboard\s+http:\/\/127\.0\.0\.1:\d+\/app\s+staff login \S+ \/ \S+/m)
    // Medusa's own queues live in the demo's namespace too.
    expect(await redisKeys(`${queuePrefix}-medusa:events-queue:*`)).toBeGreaterThan(0)
    expect(await redisKeys(`${queuePrefix}-medusa:medusa-workflows-jobs:*`)).toBeGreaterThan(0)
    expect((await fetch(`${hub.hubUrl}/health`)).status).toBe(200)
    const products = await fetch(`${hub.hubUrl}/store/products?fields=id,title`, {
      headers: { "x-publishable-api-key": hub.publishableKey },
    })
    expect(((await products.json()) as any).products.length).toBeGreaterThan(0)
    // The buyer's printed login works, and the buyer is still the company's employee.
    const buyer = await loginStatus(hub.hubUrl, "customer", hub.buyer.email, hub.buyer.password)
    const company = await fetch(`${hub.hubUrl}/store/b2b/company`, {
      headers: { "x-publishable-api-key": hub.publishableKey, authorization: `Bearer ${buyer.token}` },
    })
    expect(((await company.json()) as any).company.name).toBe("Acme Industrial")
  })
})

describe("the dashboard", () => {
  it("logs staff in through Medusa's login page and shows Medusa's order list with the demo's orders", async () => {
    await dashboard.open("/orders")
    await dashboard.page.getByRole("heading", { name: "Orders" }).waitFor()
    await dashboard.page
      .getByText(/^#\d+$/)
      .first()
      .waitFor()
    await dashboard.screenshot("medusa-orders")
  })
})

companiesPages(() => dashboard)
invoicesErpPages(() => dashboard)
webhooksPages(() => dashboard)
approvalsQuotesPages(() => dashboard)

describe("Ctrl-C on the kept demo", () => {
  it("stops the hub and the sandboxes and frees their ports", async () => {
    await browser.close()
    const ports = printedPorts(hub)
    // npm itself dies of the SIGINT; the demo reports its own orderly stop.
    await hub.stop()
    expect(hub.output()).toMatch(
      /\[stop\]\s+SIGINT: stopping the hub and the sandboxes\n\[stopped\]\s+the hub and the sandboxes are stopped/
    )
    for (const port of ports) expect(await canListen(port)).toBe(true)
  })
})
