import { StoreClient, waitFor } from "../../integration-tests/helpers/store-client"
import { toMajorString, toMinor } from "../../src/lib/money"
import { assertOnce, step } from "./hops"
import { call, staffHeaders } from "./http"

const usd = (minor: string | bigint) => `${toMajorString(BigInt(minor), "usd")} USD`

/**
 * A negotiated order: the buyer asks for a quote on pallet wrap, staff
 * answer with a volume price (version 2), the buyer asks for better, staff
 * add a discount and free freight (version 3); the buyer reads both diffs
 * and accepts version 3, which becomes an order at exactly the quoted
 * prices, invoiced in Stripe for exactly the order's total.
 */
export async function printQuoteHop({
  stripe,
  hubUrl,
  seed,
}: {
  stripe: any
  hubUrl: string
  seed: any
}): Promise<void> {
  const buyer = new StoreClient(hubUrl, seed.publishable_key)
  await buyer.login(seed.buyer.email, seed.buyer.password)
  const wrap = seed.variants[2]
  const { quote: asked } = await buyer.request("POST", "/store/b2b/quotes", {
    items: [{ variant_id: wrap.id, quantity: 12 }],
    region_id: seed.region_id,
    message: "Twelve rolls a month from now on: what can you do?",
  })
  step("quote", `${asked.id} requested: 12 × pallet wrap at ${usd(asked.versions[0].lines[0].unit_price_minor)}`)

  const staff = await staffHeaders(hubUrl, seed)
  const revise = (body: unknown) =>
    call(`${hubUrl}/admin/quotes/${asked.id}/versions`, { method: "POST", headers: staff, json: body })
  const send = () => call(`${hubUrl}/admin/quotes/${asked.id}/send`, { method: "POST", headers: staff, json: {} })
  await revise({
    lines: [{ variant_id: wrap.id, quantity: 12, unit_price_minor: 2750 }],
    shipping: { shipping_option_id: seed.erp_shipping_option_id, amount_minor: 2500 },
    comment: "Volume price for a monthly order",
  })
  await send()
  await buyer.request("POST", `/store/b2b/quotes/${asked.id}/request-revision`, { message: "Freight included?" })
  await revise({
    shipping: { shipping_option_id: seed.erp_shipping_option_id, amount_minor: 0 },
    discount_minor: 1000,
    comment: "Freight on us and 10.00 off the first order",
  })
  await send()

  const { quote } = await buyer.request("GET", `/store/b2b/quotes/${asked.id}`)
  for (const version of quote.versions.slice(1)) {
    const changes = [
      ...version.diff.lines.map((l: any) =>
        l.unit_price_minor ? `unit ${usd(l.unit_price_minor.from)} → ${usd(l.unit_price_minor.to)}` : l.change
      ),
      ...version.diff.terms.map((t: any) => t.field),
    ]
    step(
      "quote",
      `version ${version.number} (${version.comment}): ${changes.join(", ")}; total ${usd(version.total_minor)}`
    )
  }
  // A quote asked from SKUs has no address yet: the buyer gives it on acceptance.
  const { quote: accepted } = await buyer.request("POST", `/store/b2b/quotes/${asked.id}/accept`, {
    version: 3,
    shipping_address: {
      first_name: "Dana",
      last_name: "Buyer",
      company: "Acme Industrial",
      address_1: "500 Market St",
      city: "San Francisco",
      postal_code: "94105",
      country_code: "us",
    },
  })
  if (accepted.status !== "accepted" || !accepted.order_id)
    throw new Error(`accepting version 3 should place the order, got ${JSON.stringify(accepted).slice(0, 300)}`)
  const { order } = await buyer.request(
    "GET",
    `/store/orders/${accepted.order_id}?fields=id,display_id,total,currency_code,items.unit_price`
  )
  if (Number(order.items[0].unit_price) !== 27.5 || accepted.accepted_version !== 3)
    throw new Error(`the order should carry the quoted price of version 3, got ${JSON.stringify(order).slice(0, 300)}`)
  const invoice = await waitFor(
    () => stripe.invoices().find((i: any) => i.metadata.medusa_order_id === order.id && i.status === "open"),
    30_000,
    "the quote order's Stripe invoice"
  )
  const total = toMinor(String(order.total), "usd", { round: true })
  if (BigInt(invoice.total) !== total)
    throw new Error(`the invoice total ${invoice.total} differs from the order's ${total}`)
  assertOnce(
    "quote order invoice",
    stripe.invoices().filter((i: any) => i.metadata.medusa_order_id === order.id).length
  )
  step(
    "quote",
    `version 3 accepted → order #${order.display_id} at 27.50 a roll, invoice ${invoice.number} for ${usd(total)} (tax included) = the order`
  )
}
