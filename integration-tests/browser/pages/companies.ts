import type { Dashboard } from "../harness"

/**
 * Companies, contracts and the customer-page widget, on the demo's hub:
 * Acme Industrial (buyer Dana, company admin Sam), its Net 30 contract with a
 * fixed price for the fastener kit, volume tiers for the gloves and 5 % off
 * the catalogue.
 */
export function companiesPages(get: () => Dashboard): void {
  describe("companies and contracts", () => {
    const page = () => get().page
    /** Ids the demo seeded, read through the admin API as staff. */
    const demoIds = async () => {
      const companies = await get().hub.admin("GET", "/admin/companies?limit=100")
      const acme = companies.body.companies.find((c: { name: string }) => c.name === "Acme Industrial")
      const contracts = await get().hub.admin("GET", `/admin/contracts?company_id=${acme.id}`)
      const customers = await get().hub.admin("GET", "/admin/customers?email=dana@acme.example")
      return { acme, contract: contracts.body.contracts[0], buyer: customers.body.customers[0] }
    }
    /**
     * Searches the basket's variant picker and adds the result that matches:
     * the results of the empty search stay listed until the new ones arrive,
     * so "the first Add" could be a variant the search was not for.
     */
    const addToBasket = async (search: string, result: RegExp) => {
      await page().getByRole("searchbox", { name: "Add a variant to the basket" }).fill(search)
      await page()
        .getByRole("list", { name: "Add a variant to the basket results" })
        .getByRole("listitem")
        .filter({ hasText: result })
        .first()
        .getByRole("button", { name: "Add" })
        .click()
    }

    it("lists the companies with Acme Industrial, paginated", async () => {
      await get().open("/companies")
      await page().getByRole("heading", { name: "Companies" }).waitFor()
      await page().getByRole("link", { name: "Acme Industrial" }).waitFor()
      await page()
        .getByText(/^1–\d+ of \d+$/)
        .waitFor()
      await get().screenshot("companies-list")
    })

    it("shows Acme's hierarchy, employees with roles and limits, and its contract in effect", async () => {
      const { acme } = await demoIds()
      // A subsidiary, so the tree has a parent and a child to draw.
      const sub = await get().hub.admin("POST", "/admin/companies", {
        name: "Acme Logistics",
        billing_email: "ap@acme-logistics.example",
        currency_code: "usd",
        parent_company_id: acme.id,
      })
      expect(sub.status).toBe(201)
      await get().open(`/companies/${acme.id}`)
      await page().getByRole("heading", { name: "Acme Industrial", level: 1 }).waitFor()
      const tree = page().getByTestId("company-tree")
      await tree.getByText("Acme Industrial").waitFor()
      await tree.getByRole("link", { name: "Acme Logistics" }).waitFor()
      const dana = page().getByRole("row", { name: /dana@acme\.example/ })
      await dana.getByText("buyer", { exact: true }).waitFor()
      await dana.getByText("No limit").waitFor()
      const sam = page().getByRole("row", { name: /sam@acme\.example/ })
      await sam.getByText("admin", { exact: true }).waitFor()
      await page().getByText("Net 30").waitFor()
      await page().getByText("In effect", { exact: true }).waitFor()
      await get().screenshot("company-detail")

      // The subsidiary's page draws the same tree, with the subsidiary current.
      await tree.getByRole("link", { name: "Acme Logistics" }).click()
      await page().getByRole("heading", { name: "Acme Logistics", level: 1 }).waitFor()
      await page().getByTestId("company-tree").getByRole("link", { name: "Acme Industrial" }).waitFor()
    })

    it("creates a company through the form and lists it", async () => {
      await get().open("/companies")
      await page().getByRole("button", { name: "Create company" }).click()
      const drawer = page().getByRole("dialog")
      await drawer.getByLabel("Name").fill("Globex Supplies")
      await drawer.getByLabel("Billing email").fill("not-an-email")
      await drawer.getByRole("button", { name: "Create" }).click()
      // The API's 400 is shown as it came, naming the field.
      await drawer
        .getByTestId("api-error")
        .getByText(/billing_email: must be an email address/)
        .waitFor()
      await drawer.getByLabel("Billing email").fill("ap@globex.example")
      await drawer.getByRole("button", { name: "Create" }).click()
      await page().getByRole("heading", { name: "Globex Supplies", level: 1 }).waitFor()
      await get().open("/companies")
      await page().getByRole("link", { name: "Globex Supplies" }).waitFor()
    })

    it("lists the contracts and shows one's terms and credit", async () => {
      const { contract } = await demoIds()
      await get().open("/contracts")
      await page().getByRole("heading", { name: "Contracts" }).waitFor()
      const row = page()
        .getByRole("row", { name: /Acme Industrial/ })
        .first()
      await row.getByText("Net 30").waitFor()
      await row.getByText("50,000.00 USD").waitFor()
      await get().screenshot("contracts-list")

      await get().open(`/contracts/${contract.id}`)
      await page().getByText("Payment terms").first().waitFor()
      const credit = page().getByTestId("contract-credit")
      await credit.getByText("Available credit").waitFor()
      await credit
        .getByText(/^[\d,]+\.\d\d USD$/)
        .nth(3)
        .waitFor()
      await page().getByText("Tiered price").waitFor()
      await page()
        .getByText(/1\+ at 4\.00 USD, 100\+ at 3\.50 USD \(volume\)/)
        .waitFor()
    })

    it("adds a price rule in the editor and the basket preview prices by it with the cart's explanation", async () => {
      const { contract } = await demoIds()
      await get().open(`/contracts/${contract.id}`)
      // Before: the pallet wrap is priced by the 5 % catalogue discount.
      await addToBasket("Pallet", /Pallet Wrap Roll/)
      await page()
        .getByLabel(/Quantity of Pallet Wrap Roll/)
        .fill("3")
      await page().getByRole("button", { name: "Preview prices" }).click()
      const preview = page().getByTestId("basket-preview")
      await preview.getByText(/^5% off the catalogue: 31\.00 USD → 29\.45 USD/).waitFor()
      await get().screenshot("contract-detail")

      // A fixed price for it, through the editor.
      await page().getByRole("button", { name: "Add rule" }).click()
      const drawer = page().getByRole("dialog")
      await drawer.getByRole("searchbox", { name: "Find variant" }).fill("Pallet")
      // The result of this search, not a row still showing from before it.
      await drawer
        .getByRole("listitem")
        .filter({ hasText: /Pallet Wrap Roll/ })
        .first()
        .getByRole("button", { name: "Use" })
        .click()
      await drawer
        .getByTestId("rule-variant")
        .getByText(/Pallet Wrap Roll/)
        .waitFor()
      await drawer.getByLabel("Unit price (USD)").fill("27.50")
      await drawer.getByRole("button", { name: "Add rule" }).click()
      await drawer.waitFor({ state: "detached" })
      await page().getByText("27.50 USD each").waitFor()

      // The shown preview is priced again with the new rule.
      const line = preview.getByRole("row", { name: /Pallet Wrap Roll/ })
      await line.getByText(/^Contract price 27\.50 USD \(rule \w+\)$/).waitFor()
      await line.getByText("31.00 USD").waitFor()
      await line.getByText("82.50 USD").waitFor()
      await preview.scrollIntoViewIfNeeded()
      await get().screenshot("contract-preview")
    })

    it("shows the API's refusal of a quantity below a minimum in the preview", async () => {
      const { contract } = await demoIds()
      const gloves = await get().hub.admin("GET", "/admin/product-variants?sku=GLOVE-L&fields=id")
      const moq = await get().hub.admin("POST", `/admin/contracts/${contract.id}/rules`, {
        rules: [{ type: "quantity_constraint", variant_id: gloves.body.variants[0].id, min_quantity: 10 }],
      })
      expect(moq.status).toBe(201)
      await get().open(`/contracts/${contract.id}`)
      await addToBasket("GLOVE", /\(GLOVE-L\)/)
      await page().getByRole("button", { name: "Preview prices" }).click()
      await page()
        .getByTestId("api-error")
        .getByText(/^400: items\[0\]\.quantity: /)
        .waitFor()
    })

    it("shows the buyer's company, role and spending limit on Medusa's customer page", async () => {
      const { buyer, acme } = await demoIds()
      await get().open(`/customers/${buyer.id}`)
      const widget = page().getByTestId("customer-company-widget")
      await widget.getByRole("link", { name: "Acme Industrial" }).waitFor()
      await widget.getByText("buyer", { exact: true }).waitFor()
      await widget.getByText("No limit").waitFor()
      await get().screenshot("customer-company-widget")
      await widget.getByRole("link", { name: "Acme Industrial" }).click()
      await page().waitForURL((url) => url.pathname.endsWith(`/companies/${acme.id}`))
    })
  })
}
