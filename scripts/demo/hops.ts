import { Webhook } from "standardwebhooks"
import { waitFor } from "../../integration-tests/helpers/store-client"

/** One aligned line per hop, so the flow reads top to bottom. */
export function step(hop: string, text: string): void {
  console.log(`${`[${hop}]`.padEnd(10)} ${text}`)
}

const money = (minor: number | string, currency: string) => `${(Number(minor) / 100).toFixed(2)} ${currency.toUpperCase()}`

export function printPricingHop(cart: any): void {
  step("pricing", `cart ${cart.id} priced by contract ${cart.metadata?.contract_id ?? "(none)"} for company ${cart.metadata?.company_id ?? "(none)"}`)
  for (const item of cart.items) {
    const why = item.metadata?.price_explanation ?? "Medusa price (no contract rule)"
    step("", `  ${String(item.variant_sku ?? item.title).padEnd(14)} ${String(item.quantity).padStart(4)} × ${item.unit_price} — ${why}`)
  }
}

export function printInvoiceHop(invoice: any, order: any): void {
  const due = invoice.due_date ? new Date(invoice.due_date * 1000).toISOString().slice(0, 10) : "?"
  const days = invoice.due_date && invoice.status_transitions?.finalized_at ? Math.round((invoice.due_date - invoice.status_transitions.finalized_at) / 86400) : "?"
  step("stripe", `invoice ${invoice.number} (${invoice.id}) sent: send_invoice, Net ${days}, due ${due}, ${invoice.lines.data.length} lines, total ${money(invoice.total, invoice.currency)} (order total ${order.total})`)
}

export async function printErpHop({ erp, order }: { erp: any; order: any; hubUrl: string; seed: any }): Promise<void> {
  const received = await waitFor(() => erp.salesOrders().find((o: any) => JSON.stringify(o).includes(order.id)), 30_000, "the order in the ERP sandbox")
  step("erp", `the ERP sandbox received the order once (creates: ${erp.createCount(order.id)}):`)
  console.log(JSON.stringify(received, null, 2).split("\n").map((l) => `           ${l}`).join("\n"))
}

export async function printWebhookHop({ partner, order, seed }: { partner: any; order: any; seed: any }): Promise<void> {
  const delivery = await waitFor(
    () => partner.deliveries().find((d: any) => d.body.includes(order.id) && d.body.includes('"order.placed"')),
    30_000,
    "the order.placed webhook at the partner"
  )
  const verified = new Webhook(seed.webhook_secret).verify(delivery.body, delivery.headers) as any
  step("webhook", `partner received ${verified.type} ${verified.id} (webhook-id ${delivery.headers["webhook-id"]}), signature verified with the standardwebhooks library`)
}
