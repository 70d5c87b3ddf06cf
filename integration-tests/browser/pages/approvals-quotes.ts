import { StoreClient } from "../../helpers/store-client"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import type { Locator, Page } from "playwright-core"
import type { Dashboard } from "../harness"

/** Waits for `ok`, failing at once with the API's message if the page shows one instead. */
async function expectNoApiError(page: Page, ok: Locator): Promise<void> {
  const error = page.getByTestId("api-error")
  await ok.or(error).first().waitFor()
  if (await error.count()) throw new Error(`the page shows an API error: ${await error.first().textContent()}`)
}

/**
 * The Approvals and Quotes pages. What they act on is set up as a buyer
 * would through the store API (and, for the approval's merchant level, a
 * merchant rule that is removed as soon as the request exists, so no other
 * page's orders are held by it):
 *
 * - an order of 600.00 USD that Acme's rule sends to a company admin and the
 *   merchant rule to the merchant; staff decide the company level over the
 *   API, so it waits for the merchant, and approve it through the page;
 * - a quote asked from a cart (so it has shipping); staff revise it through
 *   the page (a line's price and a comment) and send it.
 */
export function approvalsQuotesPages(get: () => Dashboard): void {
  describe("approvals and quotes", () => {
    let requestId: string
    let quoteId: string
    let companyId: string

    beforeAll(async () => {
      const { hub } = get()
      const buyer = new StoreClient(hub.hubUrl, hub.publishableKey)
      await buyer.login(hub.buyer.email, hub.buyer.password)
      const { regions } = await buyer.request("GET", "/store/regions")
      const region = regions.find((r: { currency_code: string }) => r.currency_code === "usd")
      const { products } = await buyer.request(
        "GET",
        `/store/products?region_id=${region.id}&fields=id,*variants&limit=100`
      )
      const variant = (sku: string) =>
        products
          .flatMap((p: { variants: { id: string; sku: string }[] }) => p.variants)
          .find((v: { sku: string }) => v.sku === sku)
      const companies = await hub.admin("GET", "/admin/companies?q=Acme&fields=id,name")
      companyId = companies.body.companies[0].id

      // The approval: 60 kits at the contract's 10.00 = 600.00, above both rules' 500.00.
      const rule = await hub.admin("POST", `/admin/companies/${companyId}/approval-rules`, {
        condition: "order_total_above",
        currency_code: "usd",
        amount_minor: 50_000,
        approver: "merchant",
      })
      expect(rule.status).toBe(201)
      try {
        const cart = await buyer.createCart({
          region_id: region.id,
          items: [{ variant_id: variant("FAST-KIT-100").id, quantity: 60 }],
        })
        await buyer.prepareCheckout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-DASH-APPROVAL" })
        const completed = await buyer.complete(cart.id)
        requestId = completed.approval_request.id
        expect(completed.approval_request.levels.map((l: { approver: string }) => l.approver)).toEqual([
          "company_admin",
          "merchant",
        ])
      } finally {
        await hub.admin("DELETE", `/admin/companies/${companyId}/approval-rules/${rule.body.approval_rule.id}`)
      }
      const first = await hub.admin("POST", `/admin/approval-requests/${requestId}/approve`, {
        comment: "Company level, on Acme's behalf",
      })
      expect(first.body.approval_request.waiting_for).toBe("merchant")

      // The quote: from a cart with an address and a shipping method, 50 pairs of gloves.
      const quoteCart = await buyer.createCart({
        region_id: region.id,
        items: [{ variant_id: variant("GLOVE-L").id, quantity: 50 }],
      })
      const address = {
        first_name: "Dana",
        last_name: "Buyer",
        company: "Acme Industrial",
        address_1: "500 Market St",
        city: "San Francisco",
        postal_code: "94105",
        country_code: "us",
      }
      await buyer.request("POST", `/store/carts/${quoteCart.id}`, {
        shipping_address: address,
        billing_address: address,
      })
      const { shipping_options } = await buyer.request("GET", `/store/shipping-options?cart_id=${quoteCart.id}`)
      await buyer.request("POST", `/store/carts/${quoteCart.id}/shipping-methods`, {
        option_id: shipping_options[0].id,
      })
      const { quote } = await buyer.request("POST", "/store/b2b/quotes", {
        cart_id: quoteCart.id,
        po_number: "PO-DASH-QUOTE",
        message: "Fifty pairs every month: can you do better than the list?",
      })
      quoteId = quote.id
    })

    it("lists the requests waiting for the merchant and shows one's cart, levels and decisions", async () => {
      const dash = get()
      await dash.open("/approvals?waiting=merchant")
      await dash.page.getByRole("heading", { name: "Approval requests" }).waitFor()
      await dash.page.getByRole("link", { name: requestId }).waitFor()
      await dash.screenshot("approvals-list")

      await dash.page.getByRole("link", { name: requestId }).click()
      await dash.page.getByRole("heading", { name: `Approval request ${requestId}` }).waitFor()
      // The priced cart with the contract's explanation, and level 1 decided by staff with its comment.
      await dash.page.getByRole("cell", { name: "FAST-KIT-100" }).waitFor()
      await dash.page.getByText("600.00 USD").first().waitFor()
      const level1 = dash.page.getByTestId("approval-level-1")
      await level1.getByText("approved", { exact: true }).waitFor()
      await level1.getByText("Company level, on Acme's behalf").waitFor()
      await dash.page.getByTestId("approval-level-2").getByText("waiting", { exact: true }).waitFor()
      await dash.page.getByText(/^Deciding level 2 of 2 \(Merchant\)/).waitFor()
      await dash.screenshot("approval-detail")
    })

    it("approves the merchant level through the page, which places the order", async () => {
      const { page, screenshot } = get()
      await page.getByLabel("Comment").fill("Merchant approves: regular customer")
      await page.getByRole("button", { name: "Approve", exact: true }).click()
      const level2 = page.getByTestId("approval-level-2")
      await expectNoApiError(page, level2.getByText("approved", { exact: true }))
      await level2.getByText("Merchant approves: regular customer").waitFor()
      await page.getByRole("link", { name: /^order_/ }).waitFor()
      expect(await page.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0)
      await screenshot("approval-approved")
      const { body } = await get().hub.admin("GET", `/admin/approval-requests/${requestId}`)
      expect(body.approval_request).toMatchObject({ status: "approved", order_id: expect.stringMatching(/^order_/) })
    })

    it("lists the quotes and shows one's versions, lines and thread", async () => {
      const dash = get()
      await dash.open(`/quotes?company_id=${companyId}`)
      await dash.page.getByRole("heading", { name: "Quotes" }).first().waitFor()
      await dash.page.getByRole("link", { name: quoteId }).waitFor()
      await dash.screenshot("quotes-list")

      await dash.page.getByRole("link", { name: quoteId }).click()
      await dash.page.getByRole("heading", { name: `Quote ${quoteId}` }).waitFor()
      await dash.page.getByTestId("quote-version-1").waitFor()
      await dash.page
        .getByTestId("quote-message")
        .getByText("Fifty pairs every month: can you do better than the list?")
        .waitFor()
      await dash.page.getByText("nothing before it to compare").waitFor()
      await dash.screenshot("quote-detail")
    })

    it("shows the API's 409 when the version on screen is no longer the latest", async () => {
      const { page, hub, open } = get()
      // Another staff member revises meanwhile (v2: a discount).
      const meanwhile = await hub.admin("POST", `/admin/quotes/${quoteId}/versions`, {
        discount_minor: 500,
        comment: "5.00 off the first order",
      })
      expect(meanwhile.status).toBe(201)
      await page.getByRole("button", { name: "Send v1" }).click()
      const error = page.getByTestId("api-error").filter({ hasText: "409" })
      await error.waitFor()
      expect(await error.textContent()).toContain("is not its latest (2)")
      await open(`/quotes/${quoteId}`)
      await page.getByTestId("quote-version-2").waitFor()
    })

    it("revises the quote through the page (a line's price, a comment), sends it and shows the new version's diff", async () => {
      const { page, screenshot, hub } = get()
      await page.getByRole("button", { name: "Revise" }).click()
      await page.getByRole("heading", { name: "Revise quote: v3" }).waitFor()
      await page.getByRole("textbox", { name: /^Unit price of / }).fill("3.10")
      // A second line, found by SKU, at the contract's price.
      await page.getByRole("searchbox", { name: "Search variants" }).fill("WRAP-500")
      await page.getByRole("button", { name: "Add WRAP-500" }).click()
      await page
        .getByRole("textbox", { name: /^Quantity of / })
        .last()
        .fill("6")
      await page.getByLabel(/^Comment/).fill("Monthly volume price")
      await screenshot("quote-revise")
      await page.getByRole("button", { name: "Save as v3" }).click()

      await expectNoApiError(page, page.getByTestId("quote-version-3").getByText("draft"))
      await page.getByRole("heading", { name: "Changes in version 3" }).waitFor()
      await page
        .getByTestId("quote-diff")
        .getByText(/unit price .* USD → 3\.10 USD/)
        .waitFor()

      await page.getByTestId("quote-diff").getByText("added").waitFor()

      await page.getByRole("button", { name: "Send v3" }).click()
      await expectNoApiError(page, page.getByTestId("quote-version-3").getByText("with the buyer"))
      await page.getByText("quoted", { exact: true }).first().waitFor()

      await page.getByLabel("Message to the buyer").fill("Sent: 3.10 a pair for fifty a month.")
      await page.getByRole("button", { name: "Post message" }).click()
      await page.getByTestId("quote-message").filter({ hasText: "Sent: 3.10 a pair for fifty a month." }).waitFor()
      await screenshot("quote-sent")

      // The PDF link works with the dashboard's session cookie alone.
      const href = await page.getByRole("link", { name: "PDF v3" }).getAttribute("href")
      const pdf = await page.request.get(new URL(href!, hub.hubUrl).toString())
      expect(pdf.status()).toBe(200)
      expect(pdf.headers()["content-type"]).toContain("application/pdf")

      const { body } = await hub.admin("GET", `/admin/quotes/${quoteId}`)
      expect(body.quote).toMatchObject({ status: "quoted", sent_version: 3, latest_version: 3 })
      const v3 = body.quote.versions.find((v: { number: number }) => v.number === 3)
      expect(v3).toMatchObject({
        comment: "Monthly volume price",
        lines: [
          { sku: "GLOVE-L", unit_price_minor: "310" },
          { sku: "WRAP-500", quantity: 6 },
        ],
      })
      expect(v3.lines[1].unit_price_minor).toBe(v3.lines[1].contract_unit_price_minor)
    })
  })
}
