import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { AbstractFulfillmentProviderService, MedusaError } from "@medusajs/framework/utils"
import type {
  CalculatedShippingOptionPrice,
  CreateFulfillmentResult,
  FulfillmentDTO,
  FulfillmentItemDTO,
  FulfillmentOption,
  FulfillmentOrderDTO,
} from "@medusajs/framework/types"
import { isErpError } from "../../../../connectors"
import { loadErpConnection } from "../../erp/lib/sync/connections"
import { connectorFor } from "../../erp/lib/sync/connector-cache"
import { sendFulfillmentRequest, type ErpFulfillmentState } from "../../erp/lib/sync/fulfillment-requests"
import { toHubAddress } from "../../erp/lib/sync/to-hub-address"
import { ERP_FULFILLMENT_IDENTIFIER } from "./constants"

export type ErpFulfillmentOptions = {
  /** The ERP connection that receives fulfillment requests. Default: the oldest enabled one. */
  connectionId?: string
  /**
   * The key ERP credentials are sealed with (medusa-config.ts passes the
   * hub's, as it does to the ERP module): the provider lives in the
   * fulfillment module's container, which cannot resolve the ERP module, so
   * it opens a connection's credentials itself.
   */
  encryptionKey: string
  /** The keys being rotated out, as the ERP module gets them (ENCRYPTION_KEYS_PREVIOUS). */
  previousEncryptionKeys?: string[]
}

type Cradle = { __pg_connection__: Knex }

/** What the provider keeps in a fulfillment's (and shipping method's) `data`. */
export type ErpFulfillmentData = {
  /** Set from the shipping option's `data.connection_id`, when it names one. */
  erp_connection_id?: string
  erp?: ErpFulfillmentState
}

/**
 * Fulfillment by the merchant's ERP/WMS (`erp_erp`): creating a fulfillment
 * sends a fulfillment request through the connection's connector (keyed by
 * our fulfillment id, so a resend is not a second request); canceling it
 * cancels the request there. Shipments come back through
 * `POST /erp/fulfillments` or the `erp-shipments-poll` job, which record
 * tracking numbers and mark the fulfillment shipped.
 *
 * An ERP that cannot be reached (or does not have the order yet, because the
 * order sync is still on its way) does not fail the fulfillment: the request
 * stays `pending` in the fulfillment's data and the `erp-fulfillment-requests`
 * job sends it again. An ERP that refuses the request does fail it, with the
 * ERP's reason.
 */
export default class ErpFulfillmentProviderService extends AbstractFulfillmentProviderService {
  static override identifier = ERP_FULFILLMENT_IDENTIFIER

  static validateOptions(options: Record<string, unknown>): void {
    if (typeof options?.encryptionKey !== "string" || !options.encryptionKey) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "erp fulfillment: required option `encryptionKey` is missing"
      )
    }
    if (options?.connectionId !== undefined && (typeof options.connectionId !== "string" || !options.connectionId)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "erp fulfillment: option `connectionId` must be an ERP connection id"
      )
    }
  }

  protected readonly cradle_: Cradle
  protected readonly options_: ErpFulfillmentOptions

  constructor(cradle: Cradle, options: ErpFulfillmentOptions) {
    super()
    this.cradle_ = cradle
    this.options_ = options
  }

  // The shared Postgres pool, resolved on first use (providers are built before the pool is warm).
  // Connections are read with the ERP module's own query (lib/sync/connections.ts): this
  // container cannot resolve the ERP module's service.
  private get pg(): Knex {
    return this.cradle_.__pg_connection__
  }

  override async getFulfillmentOptions(): Promise<FulfillmentOption[]> {
    return [{ id: "erp-fulfillment", name: "Fulfilled by the ERP / warehouse" }]
  }

  override async validateOption(data: Record<string, unknown>): Promise<boolean> {
    return data.connection_id === undefined || typeof data.connection_id === "string"
  }

  override async validateFulfillmentData(
    optionData: Record<string, unknown>,
    data: Record<string, unknown>
  ): Promise<ErpFulfillmentData> {
    const connectionId = typeof optionData?.connection_id === "string" ? optionData.connection_id : undefined
    return { ...data, ...(connectionId ? { erp_connection_id: connectionId } : {}) }
  }

  override async canCalculate(): Promise<boolean> {
    return false
  }

  override async calculatePrice(): Promise<CalculatedShippingOptionPrice> {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "ERP fulfillment does not calculate prices; give the shipping option a flat price"
    )
  }

  override async createFulfillment(
    data: ErpFulfillmentData,
    items: Partial<Omit<FulfillmentItemDTO, "fulfillment">>[],
    order: Partial<FulfillmentOrderDTO> | undefined,
    fulfillment: Partial<Omit<FulfillmentDTO, "provider_id" | "data" | "items">>
  ): Promise<CreateFulfillmentResult> {
    const connection = await loadErpConnection(this.pg, data?.erp_connection_id ?? this.options_.connectionId)
    if (!connection) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "ERP fulfillment: there is no ERP connection to send the fulfillment request to"
      )
    }
    if (!order?.id || !fulfillment.id)
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "ERP fulfillment: the fulfillment has no order")
    const state: ErpFulfillmentState = {
      connection_id: connection.id,
      status: "pending",
      attempts: 0,
      request: {
        id: fulfillment.id,
        order_id: order.id,
        lines: mergeLines(items),
        shipping_address: toHubAddress(
          (fulfillment.delivery_address ?? order.shipping_address) as Record<string, unknown> | undefined
        ),
        shipping_method: (order as { shipping_methods?: { name?: string }[] }).shipping_methods?.[0]?.name,
      },
    }
    try {
      const sent = await sendFulfillmentRequest(connection, state, this.options_)
      return { data: { ...data, erp: sent }, labels: [] }
    } catch (e) {
      throw buildError("createFulfillment", e)
    }
  }

  /**
   * Medusa only marks the fulfillment canceled (it keeps `data` as is), so a
   * canceled fulfillment's `data.erp.status` still says how far it got.
   */
  override async cancelFulfillment(data: ErpFulfillmentData): Promise<Record<string, unknown>> {
    const state = data?.erp
    // Never reached the ERP: nothing to withdraw (the resend job skips canceled fulfillments).
    if (!state || state.status !== "requested") return {}
    const connection = await loadErpConnection(this.pg, state.connection_id)
    if (!connection)
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `ERP fulfillment: connection ${state.connection_id} no longer exists`
      )
    try {
      await connectorFor(connection, this.options_).cancelFulfillmentRequest({
        id: state.request.id,
        order_id: state.request.order_id,
      })
    } catch (e) {
      throw buildError("cancelFulfillment", e)
    }
    return {}
  }

  override async createReturnFulfillment(): Promise<CreateFulfillmentResult> {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "ERP fulfillment does not handle returns; use a return shipping option of another provider"
    )
  }
}

/** Fulfillment items (one per inventory item) → one request line per order line. */
function mergeLines(
  items: Partial<Omit<FulfillmentItemDTO, "fulfillment">>[]
): ErpFulfillmentState["request"]["lines"] {
  const lines = new Map<string, { line_id: string; sku: string; quantity: number }>()
  for (const item of items) {
    const lineId = item.line_item_id ?? item.id ?? ""
    const existing = lines.get(lineId)
    if (existing) continue
    lines.set(lineId, { line_id: lineId, sku: item.sku ?? "", quantity: Number(item.quantity ?? 0) })
  }
  return [...lines.values()]
}

/** `"ERP fulfillment <where>: <cause>"`, as a MedusaError a client can read. */
function buildError(where: string, e: unknown): MedusaError {
  if (e instanceof MedusaError) return e
  const cause = isErpError(e)
    ? `${e.message}${e.vendorMessage ? ` (${e.vendorMessage})` : ""}`
    : e instanceof Error
      ? e.message
      : String(e)
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, `ERP fulfillment ${where}: ${cause}`)
}
