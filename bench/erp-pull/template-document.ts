import { toOrderDocument } from "../../src/lib/orders/order-document"

export const BENCH_CHANNEL = "sc_bench"

/**
 * A realistic order document, as JSON text: what toOrderDocument makes of a
 * three-line B2B order (~1.4 kB). `__ORDER__` stands for the order id.
 */
export function templateDocument(): string {
  const line = (n: number, sku: string, qty: number, price: string) => ({
    id: `ordli_${"X".repeat(20)}${n}`,
    title: `Industrial part ${sku}`,
    variant_id: `variant_${"Y".repeat(20)}${n}`,
    variant_sku: sku,
    product_id: `prod_${"Z".repeat(20)}${n}`,
    quantity: qty,
    unit_price: price,
    subtotal: (Number(price) * qty).toFixed(2),
    tax_total: (Number(price) * qty * 0.0825).toFixed(4),
    discount_total: "0",
    total: (Number(price) * qty * 1.0825).toFixed(4),
    metadata: { contract_rule_id: `cpr_${"R".repeat(20)}${n}` },
  })
  const address = { company: "Acme Industrial", first_name: "Dana", last_name: "Buyer", address_1: "500 Market St", address_2: "Dock 4", city: "San Francisco", postal_code: "94105", province: "CA", country_code: "us", phone: "+1 415 555 0100" }
  const doc = toOrderDocument(
    {
      id: "__ORDER__",
      display_id: 1,
      status: "pending",
      currency_code: "usd",
      email: "dana@acme.example",
      created_at: "2026-01-01T00:00:00.000Z",
      updated_at: "2026-01-01T00:00:00.000Z",
      canceled_at: null,
      metadata: { company_id: "comp_bench", contract_id: "ctr_bench", po_number: "PO-__ORDER__" },
      sales_channel_id: BENCH_CHANNEL,
      items: [line(1, "FAST-KIT-100", 24, "10.00"), line(2, "GLOVE-L", 120, "3.50"), line(3, "WRAP-500", 6, "29.45")],
      shipping_methods: [{ name: "Standard freight", amount: "25" }],
      subtotal: "837.70",
      shipping_total: "25",
      shipping_subtotal: "25",
      discount_total: "0",
      tax_total: "71.17",
      total: "933.87",
      shipping_address: address,
      billing_address: address,
    },
    { id: "comp_bench", name: "Acme Industrial", erp_account_number: "C-1001", billing_email: "ap@acme.example" }
  )
  return JSON.stringify(doc)
}
