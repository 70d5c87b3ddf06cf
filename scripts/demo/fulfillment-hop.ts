import { waitFor } from "../../integration-tests/helpers/store-client"
import { assertOnce, step } from "./hops"
import { call, staffHeaders, type Json } from "./http"

/**
 * Staff create the order's fulfillment in the admin API; the ERP fulfillment
 * provider hands it to the ERP as a fulfillment request; the warehouse ships
 * and reports the shipment to POST /erp/fulfillments; Medusa's fulfillment
 * ends shipped with the tracking number.
 */
export async function printFulfillmentHop({
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
  const admin = await staffHeaders(hubUrl, seed)
  const { body: detail } = await call(`${hubUrl}/admin/orders/${order.id}?fields=id,*items`, { headers: admin })
  const items = detail.order.items.map((i: Json) => ({ id: i.id, quantity: i.quantity }))
  await call(`${hubUrl}/admin/orders/${order.id}/fulfillments`, {
    method: "POST",
    headers: admin,
    json: { items, location_id: seed.stock_location_id },
  })
  const fulfillmentsOf = async () =>
    (await call(`${hubUrl}/admin/orders/${order.id}?fields=id,*fulfillments,*fulfillments.labels`, { headers: admin }))
      .body.order.fulfillments as Json[]
  const [fulfillment] = await fulfillmentsOf()
  const requests = () => erp.fulfillmentRequests("netsuite").filter((r: Json) => r.orderId === order.id)
  const request = await waitFor(() => requests()[0], 15_000, "the fulfillment request in the ERP")
  assertOnce("ERP fulfillment request", requests().length)
  step(
    "fulfill",
    `staff created fulfillment ${fulfillment.id} (provider ${fulfillment.provider_id}) → ERP fulfillment request ${request.erpId}, ${request.lines.length} lines, keyed by the fulfillment id`
  )

  // The warehouse ships and tells the hub (the same pull client, scope fulfillments:write).
  const { body: token } = await call(`${hubUrl}/erp/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: seed.pull_client.client_id,
      client_secret: seed.pull_client.client_secret,
      scope: "fulfillments:write",
    }),
  })
  const tracking = `1Z${String(order.display_id).padStart(6, "0")}0123456784`
  const shipment = {
    shipment_id: `WMS-SH-${order.display_id}`,
    order_id: order.id,
    tracking_numbers: [tracking],
    carrier: "UPS",
    shipped_at: new Date().toISOString(),
  }
  const reported = await call(`${hubUrl}/erp/fulfillments`, {
    method: "POST",
    headers: { authorization: `Bearer ${token.access_token}` },
    json: shipment,
  })
  const [shipped] = await fulfillmentsOf()
  if (!shipped.shipped_at) throw new Error(`fulfillment ${shipped.id} is not shipped after the ERP's report`)
  const labels = (shipped.labels ?? []).map((l: Json) => l.tracking_number)
  assertOnce("tracking label", labels.filter((t: string) => t === tracking).length)
  step(
    "ship",
    `POST /erp/fulfillments → ${reported.status}: fulfillment ${shipped.id} shipped ${shipped.shipped_at.slice(0, 19)}Z, UPS tracking ${labels.join(", ")}`
  )
}
