import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import type { Shipment } from "../../../../../connectors"
import { ERP_MODULE } from "../.."
import type ErpModuleService from "../../service"
import { ERP_FULFILLMENT_PROVIDER_ID } from "../../../providers/erp-fulfillment/constants"

export type ShipmentSource = { type: "connection" | "pull_client"; id: string }

export type RecordedShipment = {
  order_id: string
  fulfillment_id: string
  created: boolean
  tracking_numbers: string[]
}

type OrderFulfillment = {
  id: string
  provider_id: string | null
  shipped_at: string | null
  canceled_at: string | null
  created_at: string
  items: { line_item_id: string | null; sku: string | null; quantity: number }[]
}

/**
 * Records a shipment an ERP reported on the Medusa fulfillment it belongs to:
 * its tracking numbers become the fulfillment's labels and the fulfillment is
 * marked shipped, through Medusa's own `createOrderShipmentWorkflow` (so the
 * order's shipped quantities and `shipment.created` follow).
 *
 * The fulfillment is the one named, or else the oldest open ERP fulfillment
 * of the order whose items cover the shipment's lines. Idempotent per
 * (source, ERP shipment id): a shipment reported again answers `created:
 * false` with the fulfillment it was recorded on.
 */
export async function recordErpShipment(
  container: MedusaContainer,
  source: ShipmentSource,
  shipment: Shipment,
  fulfillmentId?: string
): Promise<RecordedShipment> {
  const erp = container.resolve<ErpModuleService>(ERP_MODULE)
  const [seen] = await erp.listErpShipments({ source_type: source.type, source_id: source.id, erp_id: shipment.erp_id })
  if (seen)
    return {
      order_id: seen.order_id,
      fulfillment_id: seen.fulfillment_id,
      created: false,
      tracking_numbers: seen.tracking_numbers as unknown as string[],
    }

  const fulfillments = await orderFulfillments(container, shipment.order_id)
  const fulfillment = fulfillmentId
    ? fulfillments.find((f) => f.id === fulfillmentId)
    : matchFulfillment(fulfillments, shipment)
  if (!fulfillment) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      fulfillmentId
        ? `Fulfillment ${fulfillmentId} of order ${shipment.order_id} not found`
        : `Order ${shipment.order_id} has no open ERP fulfillment for shipment ${shipment.erp_id}`
    )
  }
  if (fulfillment.canceled_at)
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Fulfillment ${fulfillment.id} is canceled`)
  if (fulfillment.shipped_at)
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Fulfillment ${fulfillment.id} has already shipped`)

  const claim = await erp.claimShipment({
    source_type: source.type,
    source_id: source.id,
    erp_id: shipment.erp_id,
    order_id: shipment.order_id,
    fulfillment_id: fulfillment.id,
    tracking_numbers: shipment.tracking_numbers,
    carrier: shipment.carrier ?? null,
    shipped_at: shipment.shipped_at ? new Date(shipment.shipped_at) : null,
  })
  if (!claim.created)
    return {
      order_id: shipment.order_id,
      fulfillment_id: claim.fulfillment_id,
      created: false,
      tracking_numbers: shipment.tracking_numbers,
    }

  try {
    await createOrderShipmentWorkflow(container).run({
      input: {
        order_id: shipment.order_id,
        fulfillment_id: fulfillment.id,
        items: [...new Set(fulfillment.items.map((i) => i.line_item_id).filter((id): id is string => !!id))].map(
          (id) => ({
            id,
            quantity: fulfillment.items
              .filter((i) => i.line_item_id === id)
              .reduce((sum, i) => sum + Number(i.quantity), 0),
          })
        ),
        labels: shipment.tracking_numbers.map((tracking_number) => ({
          tracking_number,
          tracking_url: "",
          label_url: "",
        })),
        metadata: { erp_shipment_id: shipment.erp_id, ...(shipment.carrier ? { carrier: shipment.carrier } : {}) },
      },
    })
  } catch (e) {
    // Not recorded in Medusa: forget the claim so the next report tries again.
    await erp.releaseShipment({ source_type: source.type, source_id: source.id, erp_id: shipment.erp_id })
    throw e
  }
  return {
    order_id: shipment.order_id,
    fulfillment_id: fulfillment.id,
    created: true,
    tracking_numbers: shipment.tracking_numbers,
  }
}

async function orderFulfillments(container: MedusaContainer, orderId: string): Promise<OrderFulfillment[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "fulfillments.id",
      "fulfillments.provider_id",
      "fulfillments.shipped_at",
      "fulfillments.canceled_at",
      "fulfillments.created_at",
      "fulfillments.items.line_item_id",
      "fulfillments.items.sku",
      "fulfillments.items.quantity",
    ],
    filters: { id: orderId },
  })
  if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} not found`)
  return ((data[0] as { fulfillments?: OrderFulfillment[] }).fulfillments ?? []).filter(Boolean)
}

/** The oldest open ERP fulfillment whose items cover the shipment's lines (any, when it lists none). */
function matchFulfillment(fulfillments: OrderFulfillment[], shipment: Shipment): OrderFulfillment | undefined {
  const open = fulfillments
    .filter((f) => f.provider_id === ERP_FULFILLMENT_PROVIDER_ID && !f.shipped_at && !f.canceled_at)
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))
  return open.find((f) =>
    shipment.lines.every((line) =>
      f.items.some((i) => (line.line_id ? i.line_item_id === line.line_id : i.sku === line.sku))
    )
  )
}
