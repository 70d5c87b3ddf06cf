import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { StripeSandbox } from "../../sandboxes/stripe"
import { waitFor } from "../../helpers/store-client"
import {
  adminHeaders,
  freshBuyer,
  invoicing,
  startSandboxInRange,
  totalMinor,
  waitForInvoice,
} from "../invoicing/helpers"
import { seedCommerce, type SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { ORDER_MONEY_FIELDS, orderMoney } from "../../../src/lib/orders/order-money"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { B2B_MODULE } from "../../../src/modules/b2b"

// Issue 10: lines added by an order edit (or a draft order) get the buyer's
// contract price; an edit that raises a net-terms order's total re-checks the
// credit limit; a draft order placed on net terms is invoiced like a store
// order. Everything goes through Medusa's admin and store HTTP API.

jest.setTimeout(120_000)

const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtb3JkZXItZWRpdC1iMmI"
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-order-edit-b2b`

let stripe: StripeSandbox
// Before the runner's own beforeAll: the app boots pointing at this sandbox.
beforeAll(async () => {
  stripe = await startSandboxInRange(41_940, 41_949, { webhookSecret: WEBHOOK_SECRET })
})

const ADDRESS = {
  first_name: "Dana",
  last_name: "Buyer",
  address_1: "500 Market St",
  city: "San Francisco",
  postal_code: "94105",
  country_code: "us",
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    let headers: Record<string, string>
    const variant = (sku: string) => commerce.variants.find((v) => v.sku === sku)!
    /** Admin API call that never throws: tests read status and body. */
    const admin = async (method: "get" | "post" | "delete", path: string, body?: unknown) => {
      const config = { headers, validateStatus: () => true }
      const res =
        method === "get" || method === "delete"
          ? await api[method](path, config)
          : await api.post(path, body ?? {}, config)
      return { status: res.status, body: res.data }
    }
    const order = async (id: string, fields = "id,total,version,*items") =>
      (await admin("get", `/admin/orders/${id}?fields=${fields}`)).body.order
    const line = (o: any, sku: string) => o.items.find((i: any) => i.variant_sku === sku)
    const holds = async (filter: Record<string, unknown>) =>
      await (getContainer().resolve(B2B_MODULE) as any).listCreditHolds(filter)

    beforeAll(async () => {
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      commerce = await seedCommerce(getContainer())
      headers = await adminHeaders(getContainer())
    })
    afterAll(async () => {
      await stripe?.close()
    })

    /** A buyer of a fresh company with these contract rules orders `items` on net terms through the store API. */
    async function placeOrder(options: Parameters<typeof freshBuyer>[3], items: [string, number][]) {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key, options)
      const cart = await buyer.store.createCart({
        region_id: commerce.region_id,
        items: items.map(([sku, quantity]) => ({ variant_id: variant(sku).id, quantity })),
      })
      const placed = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID })
      return { buyer, order: placed }
    }

    /** Runs `fn` while the variant's only stock level holds `quantity` (then 1,000,000 again). */
    async function withStock<T>(sku: string, quantity: number, fn: () => Promise<T>): Promise<T> {
      const { body } = await admin("get", `/admin/inventory-items?sku=${sku}&fields=id,location_levels.location_id`)
      const item = body.inventory_items[0]
      const level = `/admin/inventory-items/${item.id}/location-levels/${item.location_levels[0].location_id}`
      expect((await admin("post", level, { stocked_quantity: quantity })).status).toBe(200)
      try {
        return await fn()
      } finally {
        await admin("post", level, { stocked_quantity: 1_000_000 })
      }
    }

    /** Begins an edit of the order; returns the order change id. */
    async function beginEdit(orderId: string): Promise<string> {
      const begun = await admin("post", "/admin/order-edits", { order_id: orderId })
      expect(begun.status).toBe(200)
      return begun.body.order_change.id
    }

    it("prices lines an edit adds, and quantities it changes, by the buyer's contract (tiers included), not the catalogue", async () => {
      const rules = [
        {
          type: "tiered_price" as const,
          sku: "WRAP-500",
          tier_mode: "volume" as const,
          tiers: [
            { min_quantity: 1, unit_price_minor: 2_900 },
            { min_quantity: 10, unit_price_minor: 2_500 },
          ],
        },
        {
          type: "tiered_price" as const,
          sku: "FAST-KIT-100",
          tier_mode: "volume" as const,
          tiers: [
            { min_quantity: 1, unit_price_minor: 1_200 },
            { min_quantity: 50, unit_price_minor: 1_000 },
          ],
        },
        { type: "fixed_price" as const, sku: "GLOVE-L", unit_price_minor: 350 },
      ]
      const { order: placed } = await placeOrder({ rules }, [["FAST-KIT-100", 2]])
      expect(line(placed, "FAST-KIT-100").unit_price).toBe(12)

      await beginEdit(placed.id)
      // Catalogue: wrap 31.00, gloves 4.20. The contract: wraps 29.00, 25.00 from 10; a price staff type in stands.
      const added = await admin("post", `/admin/order-edits/${placed.id}/items`, {
        items: [
          { variant_id: variant("WRAP-500").id, quantity: 5 },
          { variant_id: variant("GLOVE-L").id, quantity: 5, unit_price: 4 },
        ],
      })
      expect(added.status).toBe(200)
      const preview = added.body.order_preview
      expect([line(preview, "WRAP-500").unit_price, line(preview, "GLOVE-L").unit_price]).toEqual([29, 4])
      // The added wraps raised to 12 reach the 10+ tier.
      const addWraps = line(preview, "WRAP-500").actions.find((a: any) => a.action === "ITEM_ADD")
      const raised = await admin("post", `/admin/order-edits/${placed.id}/items/${addWraps.id}`, { quantity: 12 })
      expect(raised.status).toBe(200)
      expect(line(raised.body.order_preview, "WRAP-500")).toMatchObject({ quantity: 12, unit_price: 25 })
      // 2 → 60 kits reaches the kits' 50+ tier: the line is re-priced at 10.00.
      const kit = line(placed, "FAST-KIT-100")
      const updated = await admin("post", `/admin/order-edits/${placed.id}/items/item/${kit.id}`, { quantity: 60 })
      expect(updated.status).toBe(200)
      expect(line(updated.body.order_preview, "FAST-KIT-100")).toMatchObject({ quantity: 60, unit_price: 10 })

      const confirmed = await admin("post", `/admin/order-edits/${placed.id}/confirm`)
      expect(confirmed.status).toBe(200)
      const edited = await order(placed.id)
      expect(line(edited, "WRAP-500")).toMatchObject({
        quantity: 12,
        unit_price: 25,
        metadata: expect.objectContaining({ contract_rule_type: "tiered_price", medusa_unit_price: "31.00" }),
      })
      expect(line(edited, "GLOVE-L")).toMatchObject({ quantity: 5, unit_price: 4 })
      expect(line(edited, "GLOVE-L").metadata?.contract_rule_id).toBeUndefined()
      expect(line(edited, "FAST-KIT-100")).toMatchObject({ quantity: 60, unit_price: 10 })
      expect(line(edited, "FAST-KIT-100").metadata.price_explanation).toContain("Volume tier 50+ at 10.00")
    })

    it("refuses an edit increase beyond the available credit (400 credit_limit_exceeded, order unchanged) and confirms one within it with a hold", async () => {
      // 1,000.00 of credit; the order (10 kits, shipping, 8.25 % tax) uses 162.38 of it.
      const { buyer, order: placed } = await placeOrder({ credit_limit_minor: 100_000 }, [["FAST-KIT-100", 10]])
      const placedTotal = totalMinor(placed.total, 2)
      await waitForInvoice(getContainer(), placed.id)
      const credit = async () =>
        (await buyer.store.request("GET", "/store/b2b/contract?currency_code=usd")).contract.available_credit_minor
      expect(await credit()).toBe(100_000 - placedTotal)
      const before = await order(placed.id)

      // 30 wraps (930.00 + tax) do not fit in the 837.62 left.
      const tooMuch = await beginEdit(placed.id)
      expect(
        (
          await admin("post", `/admin/order-edits/${placed.id}/items`, {
            items: [{ variant_id: variant("WRAP-500").id, quantity: 30 }],
          })
        ).status
      ).toBe(200)
      const refused = await admin("post", `/admin/order-edits/${placed.id}/confirm`)
      expect(refused.status).toBe(400)
      expect(refused.body.message).toMatch(
        /^credit_limit_exceeded: order edit increase 1006\.72 USD exceeds available credit 837\.62 USD/
      )
      expect(await order(placed.id)).toEqual(before)
      const { body: changes } = await admin("get", `/admin/orders/${placed.id}/changes`)
      expect(changes.order_changes.find((c: any) => c.id === tooMuch).status).toBe("pending")
      expect(await holds({ reference: `order-edit:${tooMuch}` })).toHaveLength(0)
      expect(await credit()).toBe(100_000 - placedTotal)

      // Withdrawn; 20 wraps (671.15) fit.
      expect((await admin("delete", `/admin/order-edits/${placed.id}`)).status).toBe(200)
      const fits = await beginEdit(placed.id)
      expect(
        (
          await admin("post", `/admin/order-edits/${placed.id}/items`, {
            items: [{ variant_id: variant("WRAP-500").id, quantity: 20 }],
          })
        ).status
      ).toBe(200)
      expect((await admin("post", `/admin/order-edits/${placed.id}/request`)).status).toBe(200)

      // The wraps run out before the confirmation: Medusa fails reserving stock
      // after the hub reserved the credit, and the hold is given back.
      const failed = await withStock("WRAP-500", 0, () => admin("post", `/admin/order-edits/${placed.id}/confirm`))
      expect(failed.status).toBe(400)
      expect(JSON.stringify(failed.body)).toContain("Not enough stock")
      expect(await holds({ reference: `order-edit:${fits}` })).toEqual([
        expect.objectContaining({ release_reason: "withdrawn" }),
      ])
      expect(await order(placed.id)).toEqual(before)
      expect(await credit()).toBe(100_000 - placedTotal)

      const confirmed = await admin("post", `/admin/order-edits/${placed.id}/confirm`)
      expect(confirmed.status).toBe(200)
      const after = await order(placed.id)
      expect(line(after, "WRAP-500").quantity).toBe(20)
      const increase = totalMinor(after.total, 2) - placedTotal
      expect(increase).toBe(67_115)
      const [hold] = await holds({ reference: `order-edit:${fits}` })
      expect(hold).toMatchObject({ order_id: placed.id, company_id: buyer.company_id, currency_code: "usd" })
      expect(Number(hold.amount_minor)).toBe(increase)
      expect(new Date(hold.expires_at).getTime()).toBeGreaterThan(Date.now())
      // It counts until the edit's own invoice exists; the invoicing side then releases it.
      expect(hold.released_at === null || hold.release_reason === "invoiced").toBe(true)
      await waitFor(
        async () => (await credit()) === 100_000 - placedTotal - increase,
        10_000,
        "the credit to carry the increase"
      )
    })

    it("places a draft order for an employee on net terms: contract prices, converted, paid with net terms, invoiced once like a store order", async () => {
      const rules = [
        {
          type: "tiered_price" as const,
          sku: "WRAP-500",
          tier_mode: "volume" as const,
          tiers: [
            { min_quantity: 1, unit_price_minor: 2_900 },
            { min_quantity: 10, unit_price_minor: 2_500 },
          ],
        },
        { type: "fixed_price" as const, sku: "GLOVE-L", unit_price_minor: 350 },
        { type: "fixed_price" as const, sku: "FAST-KIT-100", unit_price_minor: 1_100 },
      ]
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key, {
        rules,
        payment_terms: "net_45",
      })
      const { customer } = await buyer.store.request("GET", "/store/customers/me")

      // Staff create the draft (Medusa's admin API): the employee's contract prices it like a cart.
      const created = await admin("post", "/admin/draft-orders", {
        customer_id: customer.id,
        region_id: commerce.region_id,
        shipping_address: ADDRESS,
        billing_address: ADDRESS,
        items: [
          { variant_id: variant("WRAP-500").id, quantity: 10 },
          { variant_id: variant("GLOVE-L").id, quantity: 5 },
        ],
        shipping_methods: [{ shipping_option_id: commerce.shipping_option_id, name: "Standard freight", amount: 25 }],
      })
      expect(created.status).toBe(200)
      const draft = created.body.draft_order
      expect(draft.metadata).toMatchObject({
        company_id: buyer.company_id,
        contract_id: buyer.contract_id,
        payment_terms: "net_45",
      })
      expect([line(draft, "WRAP-500").unit_price, line(draft, "GLOVE-L").unit_price]).toEqual([25, 3.5])
      expect(line(draft, "WRAP-500").metadata).toMatchObject({
        contract_id: buyer.contract_id,
        contract_rule_type: "tiered_price",
      })

      // A draft edit adding a line prices it by contract too.
      expect((await admin("post", `/admin/draft-orders/${draft.id}/edit`)).status).toBe(200)
      const added = await admin("post", `/admin/draft-orders/${draft.id}/edit/items`, {
        items: [{ variant_id: variant("FAST-KIT-100").id, quantity: 3 }],
      })
      expect(added.status).toBe(200)
      expect(line(added.body.draft_order_preview, "FAST-KIT-100").unit_price).toBe(11)
      expect((await admin("post", `/admin/draft-orders/${draft.id}/edit/confirm`)).status).toBe(200)

      // Only the net-terms provider can pay at conversion (400 naming the field).
      const wrongProvider = await admin("post", `/admin/draft-orders/${draft.id}/convert-to-order`, {
        payment_provider_id: "pp_system_default",
      })
      expect(wrongProvider.status).toBe(400)
      expect(wrongProvider.body.message).toContain("payment_provider_id:")

      const converted = await admin("post", `/admin/draft-orders/${draft.id}/convert-to-order`, {
        payment_provider_id: NET_TERMS_PROVIDER_ID,
      })
      expect(converted.status).toBe(200)
      expect(converted.body.order).toMatchObject({ id: draft.id, status: "pending" })
      const placed = await order(
        draft.id,
        "id,total,payment_status,*items,payment_collections.status,payment_collections.payments.provider_id,payment_collections.payments.captured_at"
      )
      expect(placed.items.map((i: any) => [i.variant_sku, i.quantity, i.unit_price]).sort()).toEqual([
        ["FAST-KIT-100", 3, 11],
        ["GLOVE-L", 5, 3.5],
        ["WRAP-500", 10, 25],
      ])
      // Authorized with the net-terms provider, not captured (capture = the invoice was paid).
      const payments = placed.payment_collections.flatMap((c: any) => c.payments)
      expect(payments).toEqual([expect.objectContaining({ provider_id: NET_TERMS_PROVIDER_ID, captured_at: null })])
      expect(placed.payment_status).toBe("authorized")

      // Invoiced once, on the contract's terms, for the order's total as the order money model reads it.
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: ORDER_MONEY_FIELDS, filters: { id: draft.id } })
      const totalMinorOfOrder = Number(orderMoney(data[0]).total_minor)
      expect(totalMinorOfOrder).toBe(totalMinor(placed.total, 2))
      const invoice = await waitForInvoice(
        getContainer(),
        draft.id,
        (row) => row.progress === "sent",
        "the draft order's invoice to be issued"
      )
      expect(invoice).toMatchObject({
        company_id: buyer.company_id,
        contract_id: buyer.contract_id,
        payment_terms: "net_45",
        days_until_due: 45,
        status: "open",
      })
      expect(Number(invoice.total_minor)).toBe(totalMinorOfOrder)
      const stripeInvoices = stripe.invoices().filter((i) => i.metadata.medusa_order_id === draft.id)
      expect(stripeInvoices.map((i) => [i.total, i.status, i.collection_method])).toEqual([
        [totalMinorOfOrder, "open", "send_invoice"],
      ])

      // The ERP document and the finance drift report agree with the order.
      const drift = await waitFor(
        async () => {
          const { body } = await admin("get", `/admin/invoices/drift?order_id=${draft.id}`)
          return body.orders?.[0]?.erp_document_total_minor !== undefined &&
            body.orders[0].erp_document_total_minor !== null
            ? body.orders[0]
            : undefined
        },
        20_000,
        "the ERP document of the draft order"
      )
      expect(drift).toMatchObject({
        net_terms: true,
        order_total_minor: totalMinorOfOrder,
        invoiced_minor: totalMinorOfOrder,
        erp_document_total_minor: totalMinorOfOrder,
        problems: [],
      })

      // The credit reserved at conversion handed over to the invoice.
      await waitFor(
        async () => (await holds({ reference: `order:${draft.id}` }))[0]?.released_at,
        10_000,
        "the conversion's hold to be released"
      )
      expect((await holds({ reference: `order:${draft.id}` }))[0]).toMatchObject({
        release_reason: "invoiced",
        order_id: draft.id,
      })
      expect(await invoicing(getContainer()).listInvoices({ order_id: draft.id })).toHaveLength(1)
    })

    it("refuses a net-terms conversion beyond the available credit: 400 credit_limit_exceeded, the draft stays a draft", async () => {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key, {
        credit_limit_minor: 10_000,
      })
      const { customer } = await buyer.store.request("GET", "/store/customers/me")
      const created = await admin("post", "/admin/draft-orders", {
        customer_id: customer.id,
        region_id: commerce.region_id,
        shipping_address: ADDRESS,
        items: [{ variant_id: variant("WRAP-500").id, quantity: 4 }],
      })
      expect(created.status).toBe(200)
      const draftId = created.body.draft_order.id

      const refused = await admin("post", `/admin/draft-orders/${draftId}/convert-to-order`, {
        payment_provider_id: NET_TERMS_PROVIDER_ID,
      })
      expect(refused.status).toBe(400)
      expect(refused.body.message).toMatch(
        /^credit_limit_exceeded: order total 134\.23 USD exceeds available credit 100\.00 USD/
      )
      const { status, body } = await admin(
        "get",
        `/admin/draft-orders/${draftId}?fields=id,status,is_draft_order,payment_collections.id`
      )
      expect(status).toBe(200)
      expect(body.draft_order).toMatchObject({ status: "draft", is_draft_order: true })
      expect(await holds({ reference: `order:${draftId}`, released_at: null })).toHaveLength(0)
      expect(await invoicing(getContainer()).listInvoices({ order_id: draftId })).toHaveLength(0)
    })
  },
})
