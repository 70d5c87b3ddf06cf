import { startPartnerReceiver, type PartnerReceiver } from "../../sandboxes/partner"
import type { Dashboard } from "../harness"

/** Polls `check` until it returns something (the API catching up with a delivery); no fixed sleeps. */
async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * The webhook pages (src/admin/routes/webhooks) and the order page's
 * webhooks widget, on the demo's kept hub: partners and their one-time
 * secrets, endpoints with health, the delivery log, a failed delivery
 * retried from the UI, recover since a time, and the demo order's webhooks.
 */
export function webhooksPages(get: () => Dashboard): void {
  describe("webhook pages", () => {
    let receiver: PartnerReceiver
    let partnerId: string
    let failingEndpointId: string
    const partnerName = `Freight Partner ${Date.now()}`

    /** A delivery as the admin API shows it, with its attempts. */
    const deliveryDetail = async (id: string) =>
      (await get().hub.admin("GET", `/admin/webhooks/deliveries/${id}`)).body as {
        delivery: { status: string }
        attempts: { attempt: number; status_code: number | null }[]
      }
    /** Sends a test event to the failing endpoint and waits until the API shows it failed with a 500. */
    const failedTestDelivery = async () => {
      receiver.respond("/failing", { status: 500, body: "receiver down" }, { times: 1 })
      const sent = await get().hub.admin("POST", `/admin/webhooks/endpoints/${failingEndpointId}/test`, {})
      expect(sent.status).toBe(202)
      const id = sent.body.delivery_id as string
      await until(async () => {
        const d = await deliveryDetail(id)
        return d.delivery.status === "failed" && d.attempts[0]?.status_code === 500 ? d : undefined
      }, "the test delivery to fail")
      return id
    }

    beforeAll(async () => {
      receiver = await startPartnerReceiver()
    })
    afterAll(async () => {
      await receiver?.close()
    })

    it("creates a partner through the UI and shows a credential's secret once, gone after a reload", async () => {
      const { page } = get()
      await get().open("/webhooks")
      await page.getByRole("heading", { name: "Webhook partners" }).waitFor()

      await page.getByRole("button", { name: "Create partner" }).click()
      await page.getByLabel("Name").fill(partnerName)
      await page.getByRole("combobox", { name: "Grants" }).click()
      await page.getByRole("option", { name: "Every company and sales channel" }).click()
      await page.getByRole("button", { name: "Create", exact: true }).click()

      const row = page.getByRole("row").filter({ hasText: partnerName })
      await row.waitFor()
      await expect(row.getByText("Every company and channel").count()).resolves.toBe(1)
      const created = page.getByTestId("secret-once")
      await created.waitFor()
      const firstSecret = await created.locator("code").innerText()
      expect(firstSecret.length).toBeGreaterThan(20)

      await row.getByRole("button", { name: "Issue credentials" }).click()
      await page.getByRole("button", { name: "Issue", exact: true }).click()
      await page.getByText(/New credentials issued/).waitFor()
      await expect(page.getByTestId("secret-once").locator("code").innerText()).resolves.not.toBe(firstSecret)
      await get().screenshot("webhooks-partners")

      await page.reload()
      await page.getByRole("row").filter({ hasText: partnerName }).waitFor()
      await expect(page.getByTestId("secret-once").count()).resolves.toBe(0)
      await expect(page.getByText(firstSecret).count()).resolves.toBe(0)

      // Revoke and restore: the partner's tokens stop working, then work again.
      const reloaded = page.getByRole("row").filter({ hasText: partnerName })
      await reloaded.getByRole("button", { name: "Revoke" }).click()
      await reloaded.getByText("revoked").waitFor()
      await reloaded.getByRole("button", { name: "Restore" }).click()
      await reloaded.getByText("active").waitFor()

      const partners = await get().hub.admin("GET", "/admin/webhooks/partners")
      partnerId = partners.body.partners.find((p: { name: string }) => p.name === partnerName).id
    })

    it("narrows a partner's grants to one company in the page", async () => {
      const { page } = get()
      const row = page.getByRole("row").filter({ hasText: partnerName })
      await row.getByRole("button", { name: "Grants" }).click()
      await page.getByRole("combobox", { name: "Grants" }).click()
      await page.getByRole("option", { name: "Chosen companies and sales channels" }).click()
      await page.getByLabel("Acme Industrial", { exact: true }).check()
      await page.getByRole("button", { name: "Save grants" }).click()
      await page.getByText(`Grants of ${partnerName} saved`).waitFor()
      await row.getByText("1 company").waitFor()

      const { body } = await get().hub.admin("GET", `/admin/webhooks/partners/${partnerId}`)
      const companies = await get().hub.admin("GET", "/admin/companies?limit=100")
      const acme = companies.body.companies.find((c: { name: string }) => c.name === "Acme Industrial")
      expect(body.partner.grants.company_ids).toEqual([acme.id])
    })

    it("lists endpoints with their health and creates one, showing its signing secret once", async () => {
      const { page, hub } = get()
      // One attempt only: a 500 fails the delivery at once (for the retry and recover checks below).
      const failing = await hub.admin("POST", "/admin/webhooks/endpoints", {
        partner_id: partnerId,
        url: `${receiver.url}/failing`,
        description: "Fails on request",
        event_types: ["order.placed"],
        retry_schedule_ms: [0],
      })
      expect(failing.status).toBe(201)
      failingEndpointId = failing.body.endpoint.id

      await get().open("/webhooks/endpoints")
      await page.getByRole("heading", { name: "Webhook endpoints" }).waitFor()
      // The demo's endpoint delivered the order's webhooks: healthy, every finished delivery a success.
      const demoRow = page.getByRole("row").filter({ hasText: `${hub.partnerUrl}/backy-events` })
      await demoRow.getByText("healthy").waitFor()
      await demoRow.getByText("100 %").waitFor()
      await demoRow.getByText("closed").waitFor()

      await page.getByRole("button", { name: "Create endpoint" }).click()
      await page.getByRole("combobox", { name: "Partner" }).click()
      await page.getByRole("option", { name: partnerName }).click()
      await page.getByLabel("URL").fill(`${receiver.url}/created-in-ui`)
      await page.getByLabel("order.shipped").check()
      await page.getByRole("button", { name: "Create", exact: true }).click()
      const secret = page.getByTestId("secret-once")
      await secret.waitFor()
      await expect(secret.locator("code").innerText()).resolves.toMatch(/^whsec_/)
      await page
        .getByRole("row")
        .filter({ hasText: `${receiver.url}/created-in-ui` })
        .waitFor()
      await get().screenshot("webhooks-endpoints")

      await page.reload()
      await page
        .getByRole("row")
        .filter({ hasText: `${receiver.url}/created-in-ui` })
        .waitFor()
      await expect(page.getByTestId("secret-once").count()).resolves.toBe(0)
    })

    it("filters the delivery log, and retries a failed delivery from its page: the new attempt is a 200", async () => {
      const { page } = get()
      const deliveryId = await failedTestDelivery()

      await get().open("/webhooks/deliveries")
      await page.getByRole("heading", { name: "Delivery log" }).waitFor()
      await page.getByRole("combobox", { name: "Endpoint" }).click()
      await page.getByRole("option", { name: `${receiver.url}/failing` }).click()
      await page.getByRole("combobox", { name: "Status" }).click()
      await page.getByRole("option", { name: "failed" }).click()
      await page.getByRole("combobox", { name: "Event type" }).click()
      await page.getByRole("option", { name: "webhook.test" }).click()
      const rows = page.getByRole("row").filter({ hasText: "webhook.test" })
      await rows.first().waitFor()
      await expect(rows.count()).resolves.toBe(1)
      await rows.first().getByText("failed").waitFor()
      await get().screenshot("webhooks-deliveries")

      await rows.first().getByRole("link", { name: "webhook.test" }).click()
      await page.waitForURL(new RegExp(`/webhooks/deliveries/${deliveryId}$`))
      await page.getByTestId("attempt-1").getByText("500").waitFor()
      await page.getByTestId("attempt-1").getByText("receiver down").waitFor()

      // The receiver is back (200 from now on): retry from the UI and see the second attempt.
      await page.getByRole("button", { name: "Retry" }).click()
      await page.getByText("Delivery queued again").waitFor()
      await page.getByTestId("attempt-2").getByText("200").waitFor({ timeout: 30_000 })
      await page.getByText("delivered", { exact: true }).first().waitFor()
      await get().screenshot("webhooks-delivery")
      const after = await deliveryDetail(deliveryId)
      expect(after.attempts.map((a) => a.status_code)).toEqual([500, 200])
    })

    it("recovers an endpoint's failed deliveries since a time and says how many", async () => {
      const { page } = get()
      const deliveryId = await failedTestDelivery()

      await get().open(`/webhooks/endpoints/${failingEndpointId}`)
      await page.getByRole("heading", { name: `${receiver.url}/failing` }).waitFor()
      await page.getByText("failing", { exact: true }).waitFor()
      await page.getByRole("button", { name: "Recover" }).click()
      await expect(page.getByTestId("recover-result").innerText()).resolves.toBe(
        "Re-queued 1 failed delivery; they go out again now."
      )
      await until(
        async () => ((await deliveryDetail(deliveryId)).delivery.status === "delivered" ? true : undefined),
        "the recovered delivery to go out"
      )
      // The page refreshes itself: both test deliveries end up delivered, nothing left retrying.
      await page
        .getByRole("row")
        .filter({ hasText: "webhook.test" })
        .getByText("retrying")
        .waitFor({ state: "detached" })
      await expect(page.getByRole("row").filter({ hasText: "delivered" }).count()).resolves.toBe(2)
      await get().screenshot("webhooks-endpoint")

      // Idempotent: nothing failed is left.
      await page.getByRole("button", { name: "Recover" }).click()
      await expect(page.getByTestId("recover-result").innerText()).resolves.toBe(
        "Nothing to recover: no failed delivery since then."
      )
    })

    it("shows the webhooks sent about the demo's order on Medusa's order page, linking to each delivery", async () => {
      const { page, hub } = get()
      const orders = await hub.admin("GET", "/admin/orders?limit=1&fields=id")
      const orderId = orders.body.orders[0].id as string

      await get().open(`/orders/${orderId}`)
      const widget = page.getByTestId("order-webhooks")
      await widget.getByRole("heading", { name: "Webhooks" }).waitFor()
      const placed = widget.getByRole("link", { name: "order.placed" })
      await placed.waitFor()
      await widget.getByRole("row").filter({ hasText: "order.placed" }).getByText("delivered").waitFor()
      await widget.getByText(`${hub.partnerUrl}/backy-events`).first().waitFor()
      // Medusa's layout scrolls inside its own container: bring the widget into the picture.
      await widget.scrollIntoViewIfNeeded()
      await get().screenshot("webhooks-order-widget")

      await placed.click()
      await page.waitForURL(/\/webhooks\/deliveries\/dlv_/)
      await page.getByRole("heading", { name: "order.placed delivery" }).waitFor()
      await page.getByTestId("attempt-1").getByText("200").waitFor()
    })
  })
}
