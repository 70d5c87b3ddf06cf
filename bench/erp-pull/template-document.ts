import { toOrderDocument } from "../../src/lib/orders/order-document"
import { medusaOrder } from "../../src/lib/orders/__tests__/medusa-orders"

export const BENCH_CHANNEL = "sc_bench"

/**
 * A realistic order document, as JSON text: what toOrderDocument makes of a
 * three-line B2B order at 8.25 % tax (~1.4 kB), totalled by Medusa's own
 * `decorateCartTotals` so the document's money adds up as a real order's
 * does. `__ORDER__` stands for the order id.
 */
export function templateDocument(): string {
  const totalled = medusaOrder(
    {
      currency: "usd",
      taxRate: 8.25,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [
        { unit_minor: 1000, quantity: 24, promotion: { type: "none" } },
        { unit_minor: 350, quantity: 120, promotion: { type: "none" } },
        { unit_minor: 2945, quantity: 6, promotion: { type: "none" } },
      ],
      shipping: { amount_minor: 2500, promotion: { type: "none" } },
    },
    "__ORDER__"
  )
  const skus = ["FAST-KIT-100", "GLOVE-L", "WRAP-500"]
  const address = {
    company: "Acme Industrial",
    first_name: "Dana",
    last_name: "Buyer",
    address_1: "500 Market St",
    address_2: "Dock 4",
    city: "San Francisco",
    postal_code: "94105",
    province: "CA",
    country_code: "us",
    phone: "+1 415 555 0100",
  }
  const doc = toOrderDocument(
    {
      ...totalled,
      status: "pending",
      email: "dana@acme.example",
      created_at: "2026-01-01T00:00:00.000Z",
      updated_at: "2026-01-01T00:00:00.000Z",
      canceled_at: null,
      metadata: { company_id: "comp_bench", contract_id: "ctr_bench", po_number: "PO-__ORDER__" },
      sales_channel_id: BENCH_CHANNEL,
      items: totalled.items.map((item: any, n: number) => ({
        ...item,
        title: `Industrial part ${skus[n]}`,
        variant_id: `variant_${"Y".repeat(20)}${n + 1}`,
        variant_sku: skus[n],
        product_id: `prod_${"Z".repeat(20)}${n + 1}`,
        metadata: { contract_rule_id: `cpr_${"R".repeat(20)}${n + 1}` },
      })),
      shipping_methods: totalled.shipping_methods.map((m: any) => ({ ...m, name: "Standard freight" })),
      shipping_address: address,
      billing_address: address,
    },
    { id: "comp_bench", name: "Acme Industrial", erp_account_number: "C-1001", billing_email: "ap@acme.example" }
  )
  return JSON.stringify(doc)
}
