import type { Dashboard } from "../harness"

type Invoice = {
  id: string
  number: string | null
  status: string
  order_id: string
  stripe_invoice_id: string | null
  hosted_invoice_url: string | null
}
type Sync = { id: string; order_id: string; status: string; erp_id: string | null; last_error: string | null }

/** Polls `read` until it returns something, or fails naming `what`. */
async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * backy's invoice and ERP pages and its two widgets on Medusa's order page,
 * against the demo's hub: the demo's paid invoice through the list, detail,
 * drift report and a reconcile; the NetSuite connection tested, an ERP sync
 * made to fail in the sandbox and retried from the page until it is synced;
 * a pull client whose secret shows once.
 */
export function invoicesErpPages(get: () => Dashboard): void {
  async function paidInvoice(): Promise<Invoice> {
    const { status, body } = await get().hub.admin("GET", "/admin/invoices?status=paid&limit=1")
    expect(status).toBe(200)
    expect(body.invoices).toHaveLength(1)
    return body.invoices[0]
  }

  describe("invoices", () => {
    it("lists invoices filtered by status, each with its Stripe link", async () => {
      const d = get()
      const invoice = await paidInvoice()
      await d.open("/invoices")
      await d.page.getByRole("heading", { name: "Invoices" }).waitFor()
      await d.page.getByRole("combobox", { name: "Status" }).click()
      await d.page.getByRole("option", { name: "paid", exact: true }).click()
      const row = d.page.getByRole("row", { name: new RegExp(invoice.number ?? invoice.id) })
      await row.waitFor()
      await expect(row.getByText("paid", { exact: true }).count()).resolves.toBe(1)
      await expect(row.getByRole("link", { name: invoice.stripe_invoice_id! }).getAttribute("href")).resolves.toBe(
        invoice.hosted_invoice_url
      )
      // The filter reached the API: no row of another status.
      await d.page.getByText(/^1–\d+ of \d+$/).waitFor()
      for (const other of ["open", "void", "draft"])
        await expect(d.page.getByRole("table").getByText(other, { exact: true }).count()).resolves.toBe(0)
      await d.screenshot("invoices-list")
    })

    it("shows an invoice's payment state, Stripe link and lines, and reconciles it with Stripe", async () => {
      const d = get()
      const invoice = await paidInvoice()
      const { body: detail } = await d.hub.admin("GET", `/admin/invoices/${invoice.id}`)
      expect(detail.lines.length).toBeGreaterThan(0)
      await d.open("/invoices")
      await d.page.getByRole("link", { name: invoice.number ?? invoice.id, exact: true }).click()
      await d.page.getByRole("heading", { name: `Invoice ${invoice.number ?? invoice.id}` }).waitFor()
      const state = d.page.getByTestId("invoice-payment-state")
      await state.getByText("paid", { exact: true }).waitFor()
      await expect(state.getByRole("link", { name: invoice.stripe_invoice_id! }).getAttribute("href")).resolves.toBe(
        invoice.hosted_invoice_url
      )
      for (const line of detail.lines) {
        const name = line.kind === "shipping" ? `Shipping — ${line.title}` : line.title
        await d.page.getByRole("cell", { name, exact: true }).first().waitFor()
      }
      await d.page.getByRole("heading", { name: "Credit notes" }).waitFor()
      await d.screenshot("invoice-detail")

      await d.page.getByRole("button", { name: "Reconcile" }).click()
      const report = d.page.getByTestId("reconcile-report")
      await report.getByText(/Reconciled: 1 checked against Stripe/).waitFor()
      await report.getByText("Nothing needed a change: Stripe and backy agree.").waitFor()
      await d.screenshot("invoice-reconciled")
    })

    it("shows the money drift report with the demo's order", async () => {
      const d = get()
      const invoice = await paidInvoice()
      const { body: drift } = await d.hub.admin("GET", `/admin/invoices/drift?order_id=${invoice.order_id}`)
      const row = drift.orders[0]
      await d.open("/invoices")
      await d.page.getByRole("link", { name: "Drift report" }).click()
      await d.page.getByRole("heading", { name: "Money drift" }).waitFor()
      const tableRow = d.page.getByRole("row", { name: new RegExp(`#${row.display_id}\\b`) })
      await tableRow.waitFor()
      await tableRow.getByText(row.problems.length ? row.problems[0] : "in step", { exact: true }).waitFor()
      await d.screenshot("invoices-drift")
    })
  })

  describe("ERP", () => {
    it("tests the demo's NetSuite connection and shows the answer, never its credentials", async () => {
      const d = get()
      await d.open("/erp")
      const row = d.page.getByRole("row", { name: /NetSuite \(demo sandbox\)/ })
      await row.getByText("set (write-only)").waitFor()
      await row.getByRole("button", { name: "Test", exact: true }).click()
      await row
        .getByTestId("connection-test-result")
        .getByText(/^Reachable: answered in \d+ ms, breaker closed$/)
        .waitFor()
      expect(await d.page.content()).not.toContain("PRIVATE KEY")
      await d.screenshot("erp-connections")
    })

    it("retries a failed ERP sync from the page and sees it synced with the ERP's id", async () => {
      const d = get()
      const invoice = await paidInvoice()
      const { body: before } = await d.hub.admin(
        "GET",
        `/admin/erp/syncs?order_id=${invoice.order_id}&status=delivered`
      )
      const sync: Sync = before.syncs[0]
      expect(sync).toBeDefined()

      // The ERP refuses the next order write (a 400 is permanent: failed, no automatic retry); a resend meets it.
      const fault = await fetch(`${d.hub.erpUrl}/_sandbox/fail`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ n: 1, status: 400, method: "PUT", pathIncludes: "/salesOrder/eid:" }),
      })
      expect(fault.status).toBe(200)
      expect((await d.hub.admin("POST", `/admin/erp/syncs/${sync.id}/retry`)).status).toBe(202)
      const failed = await until(async () => {
        const { body } = await d.hub.admin("GET", `/admin/erp/syncs/${sync.id}`)
        return body.sync.status === "failed" ? (body.sync as Sync) : undefined
      }, "the sync to fail")
      expect(failed.last_error).toBeTruthy()

      await d.open("/erp")
      await d.page.getByRole("combobox", { name: "Sync state" }).click()
      await d.page.getByRole("option", { name: "failed", exact: true }).click()
      const row = d.page.getByTestId(`erp-sync-${sync.id}`)
      await row.getByText("failed", { exact: true }).waitFor()
      await row.getByText(/400/).first().waitFor()
      await d.screenshot("erp-sync-failed")

      // The fault was for one call only: the retry from the page goes through.
      await d.open("/erp")
      await row.getByRole("button", { name: "Retry" }).click()
      await row.getByText("synced", { exact: true }).waitFor({ timeout: 60_000 })
      const { body: after } = await d.hub.admin("GET", `/admin/erp/syncs/${sync.id}`)
      expect(after.sync.status).toBe("delivered")
      expect(after.sync.erp_id).toBeTruthy()
      await row.getByText(after.sync.erp_id, { exact: true }).waitFor()
      await d.screenshot("erp-sync-retried")
    })

    it("creates a pull client whose secret is shown once and is gone after a reload", async () => {
      const d = get()
      await d.open("/erp")
      await d.page.getByRole("button", { name: "Create pull client" }).click()
      const dialog = d.page.getByRole("dialog")
      await dialog.getByLabel("Name").fill("Browser test WMS")
      await dialog.getByRole("button", { name: "Create", exact: true }).click()
      const secretBox = d.page.getByTestId("secret-once")
      await secretBox.waitFor()
      const secret = (await secretBox.locator("code").textContent())!
      expect(secret).toMatch(/^erp_sk_/)
      await d.page.getByRole("row", { name: /Browser test WMS/ }).waitFor()
      await d.screenshot("erp-pull-client-created")

      await d.open("/erp")
      await d.page.getByRole("row", { name: /Browser test WMS/ }).waitFor()
      await expect(d.page.getByTestId("secret-once").count()).resolves.toBe(0)
      expect(await d.page.content()).not.toContain(secret)
      await d.screenshot("erp-page")
    })
  })

  describe("widgets on Medusa's order page", () => {
    it("shows the order's invoice with its credit notes and its ERP sync state", async () => {
      const d = get()
      const invoice = await paidInvoice()
      const { body: sync } = await d.hub.admin("GET", `/admin/erp/orders/${invoice.order_id}/sync`)
      const connection = sync.connections[0]
      await d.open(`/orders/${invoice.order_id}`)
      await d.page.getByRole("heading", { name: "Invoices" }).waitFor()
      await d.page.getByRole("link", { name: new RegExp(`^${invoice.number ?? invoice.id} \\(order\\)$`) }).waitFor()
      await d.page.getByRole("link", { name: invoice.stripe_invoice_id! }).waitFor()
      await d.page.getByText("No credit notes").waitFor()
      const erp = d.page.getByTestId("order-erp-sync")
      await erp.getByText(connection.connection_name).waitFor()
      await erp.getByText("synced", { exact: true }).waitFor()
      await erp.getByText(connection.erp_id, { exact: true }).waitFor()
      await erp.getByRole("button", { name: "Retry" }).waitFor()
      // Medusa's page scrolls inside its own container: bring the invoices widget into the picture.
      await d.page.getByRole("heading", { name: "Invoices" }).scrollIntoViewIfNeeded()
      await d.screenshot("order-widgets")
    })
  })
}
