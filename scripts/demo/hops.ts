import { toMinor } from "../../src/lib/money"
import { Webhook } from "standardwebhooks"
import { waitFor } from "../../integration-tests/helpers/store-client"

/** One aligned line per hop, so the flow reads top to bottom. */
export function step(hop: string, text: string): void {
  console.log(`${`[${hop}]`.padEnd(10)} ${text}`)
}

const money = (minor: number | string, currency: string) =>
  `${(Number(minor) / 100).toFixed(2)} ${currency.toUpperCase()}`

export function printPricingHop(cart: any): void {
  step(
    "pricing",
    `cart ${cart.id} priced by contract ${cart.metadata?.contract_id ?? "(none)"} for company ${cart.metadata?.company_id ?? "(none)"}`
  )
  for (const item of cart.items) {
    const why = item.metadata?.price_explanation ?? "Medusa price (no contract rule)"
    console.log(
      `           ${String(item.variant_sku ?? item.title).padEnd(14)} ${String(item.quantity).padStart(4)} × ${item.unit_price} — ${why}`
    )
  }
}

export function printInvoiceHop(invoice: any, order: any): void {
  const due = invoice.due_date ? new Date(invoice.due_date * 1000).toISOString().slice(0, 10) : "?"
  const days =
    invoice.due_date && invoice.status_transitions?.finalized_at
      ? Math.round((invoice.due_date - invoice.status_transitions.finalized_at) / 86400)
      : "?"
  step(
    "stripe",
    `invoice ${invoice.number} (${invoice.id}) sent: send_invoice, Net ${days}, due ${due}, ${invoice.lines.data.length} lines (promotion ${money(toMinor(String(order.discount_total), order.currency_code, { round: true }).toString(), invoice.currency)} and tax ${money(toMinor(String(order.tax_total), order.currency_code, { round: true }).toString(), invoice.currency)} stated per line), total ${money(invoice.total, invoice.currency)} = order #${order.display_id} total`
  )
}

/** Fails the demo when a hop happened more than once (exactly once is the point). */
export function assertOnce(what: string, count: number): void {
  if (count !== 1) throw new Error(`${what} happened ${count} times, expected exactly once`)
}

const settle = () => new Promise((r) => setTimeout(r, 1500))

export async function printErpHop({
  erp,
  order,
  hubUrl,
  seed,
}: {
  erp: any
  order: any
  hubUrl: string
  seed: any
}): Promise<void> {
  const received = await waitFor(() => erp.salesOrder(order.id), 30_000, "the order in the ERP sandbox")
  await settle()
  assertOnce("ERP sales order creation", erp.createCount(order.id))
  step("erp", `the ERP sandbox (NetSuite dialect) received the order once, as:`)
  console.log(
    JSON.stringify(received, null, 2)
      .split("\n")
      .map((l) => `           ${l}`)
      .join("\n")
  )

  // The other direction: an ERP that polls pulls the same order through the API.
  const tokenRes = await fetch(`${hubUrl}/erp/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: seed.pull_client.client_id,
      client_secret: seed.pull_client.client_secret,
      scope: "orders:read orders:ack",
    }),
  })
  if (!tokenRes.ok) throw new Error(`POST /erp/oauth/token → ${tokenRes.status} ${await tokenRes.text()}`)
  const { access_token } = (await tokenRes.json()) as { access_token: string }
  const auth = { authorization: `Bearer ${access_token}` }
  const pulled = await waitFor(
    async () => {
      const res = await fetch(`${hubUrl}/erp/orders/${order.id}`, { headers: auth })
      return res.ok ? ((await res.json()) as any).order : undefined
    },
    15_000,
    "the order in the pull API"
  )
  step(
    "erp-pull",
    `GET /erp/orders/${order.id} (document v${pulled.version}): #${pulled.display_id}, ${pulled.lines.length} lines, total_minor ${pulled.total_minor} ${pulled.currency_code.toUpperCase()}, company ${pulled.company?.name}`
  )
  const ack = await fetch(`${hubUrl}/erp/orders/${order.id}/ack`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ erp_id: `SO-${pulled.display_id}` }),
  })
  step("erp-pull", `POST /erp/orders/${order.id}/ack → ${ack.status}`)
}

export async function printWebhookHop({
  partner,
  order,
  seed,
}: {
  partner: any
  order: any
  seed: any
}): Promise<void> {
  const aboutOrder = () => partner.deliveries().filter((d: any) => d.body.includes(order.id))
  const ofType = (type: string) => aboutOrder().filter((d: any) => d.body.includes(`"type":"${type}"`))
  // The last of the order's facts in the demo; the others were recorded before it.
  await waitFor(() => ofType("order.shipped").length > 0, 30_000, "the order.shipped webhook at the partner")
  await settle()
  assertOnce("order.placed webhook", ofType("order.placed").length)
  const webhook = new Webhook(seed.webhook_secret)
  const received = aboutOrder()
  const ids = new Set(received.map((d: any) => d.headers["webhook-id"]))
  if (ids.size !== received.length)
    throw new Error(`the partner received ${received.length} requests for ${ids.size} webhook ids`)
  step(
    "webhook",
    `partner received ${received.length} events about order #${order.display_id}, each verified with the standardwebhooks library:`
  )
  for (const delivery of received) {
    const event = webhook.verify(delivery.body, delivery.headers) as any
    console.log(
      `           ${String(event.type).padEnd(26)} webhook-id ${delivery.headers["webhook-id"]}  ${event.resource.type} sequence ${event.sequence}  signature ok`
    )
  }
}
