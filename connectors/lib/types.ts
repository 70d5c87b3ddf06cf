/**
 * The canonical shapes the hub hands a connector, and the connector contract itself.
 *
 * Money is always integer minor units (cents, yen, fils) carried as a decimal-digit string or a
 * bigint, never a float. Adapters turn it into the ERP's decimal text with `formatMinor`.
 *
 * @module
 */

/** Integer minor units: `"1999"`, `"-250"` or `1999n`. */
export type Minor = string | bigint

export const CONNECTOR_KINDS = ["netsuite", "business-central", "generic"] as const
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number]

export interface HubAddress {
  first_name?: string
  last_name?: string
  company?: string
  address_1: string
  address_2?: string
  city: string
  /** State/province code, e.g. "CA". */
  province?: string
  postal_code: string
  /** ISO 3166-1 alpha-2, any case. */
  country_code: string
  phone?: string
}

/** A buyer company as the ERP sees it: a customer/account. */
export interface HubCustomer {
  /** Our company id; the ERP's external id for the customer. */
  company_id: string
  /**
   * The key the ERP already uses for this customer when the hub knows it: NetSuite internal id,
   * Business Central customer number, whatever the generic mapping sends. `upsertCustomer`
   * returns it so the hub can store it.
   */
  erp_account_number?: string
  name: string
  email: string
  phone?: string
  currency_code?: string
  billing_address: HubAddress
  shipping_address: HubAddress
}

/**
 * The money of one order line or shipping line, exactly as the order (and its invoice) states it:
 * Medusa's totals, rounded once per line by the hub's order money model, so that the line figures
 * add up to the order's. Every `*_minor` is integer minor units.
 *
 * The amounts are authoritative; the unit price is not. `net_minor` is generally not
 * `quantity × unit_price`: the unit price may be gross (tax-inclusive regions), finer than the
 * currency (USD 10.125) or discounted. Adapters book `net_minor` (or `total_minor`) and derive a unit
 * price from it, never the other way round.
 */
export interface HubLineMoney {
  /** The unit price as priced, an exact decimal in major units (`"10.125"`); gross when `tax_inclusive`. */
  unit_price: string
  /** `unit_price` rounded to the minor unit. For display only: never multiply it out. */
  unit_price_minor: Minor
  /** The price included tax (a tax-inclusive region or shipping option). */
  tax_inclusive: boolean
  /** Σ of the line's tax rates in percent (`"8.875"`); `"0"` when untaxed. */
  tax_rate: string
  /** Net of tax, before discount. */
  subtotal_minor: Minor
  /** The discount, net of tax. */
  discount_minor: Minor
  /** The tax the discount took off (`discount_minor` + this = the discount as the buyer saw it gross). */
  discount_tax_minor: Minor
  /** subtotal − discount: net of discount and of tax, the taxable amount. */
  net_minor: Minor
  tax_minor: Minor
  /** net + tax: what the buyer pays for the line. */
  total_minor: Minor
}

export interface HubOrderLine extends HubLineMoney {
  /** Our line id, stable across retries and updates. */
  line_id: string
  /** Variant SKU = the ERP's item number. */
  sku: string
  title: string
  /** A whole number of units. */
  quantity: number
}

/** A shipping method of the order; its quantity is always 1. */
export interface HubShippingLine extends HubLineMoney {
  id: string
  name: string
}

/** One returned line of a `HubReturn`: the units sent back and what they are worth. */
export interface HubReturnLine extends HubLineMoney {
  /** The order line the units came from. */
  line_id: string
  sku: string
  title: string
  /** Units taken back (received, or received damaged). */
  quantity: number
}

/**
 * A received return, in the order's money model: per line, what the returned units are worth
 * (Medusa's own line totals for those units, rounded once per line). The parts add up:
 * total = Σ lines' total, tax = Σ lines' tax, and so on. Each return is its own document in an
 * ERP that has one, keyed by `id`.
 */
export interface HubReturn {
  /** Our return id: the ERP document's external id, so booking it again finds the same document. */
  id: string
  display_id?: number
  /** ISO 8601 timestamp. */
  received_at: string
  lines: HubReturnLine[]
  subtotal_minor: Minor
  discount_minor: Minor
  discount_tax_minor: Minor
  tax_minor: Minor
  total_minor: Minor
}

/**
 * An order as invoiced. The parts add up, to the minor unit:
 *
 *   total = Σ lines' total + Σ shipping lines' total − credit
 *   total = subtotal − discount + tax − credit   (subtotal and discount include shipping's)
 *   tax   = Σ lines' tax + Σ shipping lines' tax
 *
 * `total_minor` is the Stripe invoice's total and Medusa's order total: each adapter states the
 * order so that the ERP's own document total equals it (see connectors/README.md, "Money").
 * Adapters never apply an order-level figure a second time.
 */
export interface HubOrder {
  /** Our order id; every ERP upsert is keyed by it (the ERP's external id). */
  id: string
  /**
   * The hub's revision of the order document (1 = as placed, +1 per change).
   * Revision 1 cannot have been fulfilled or edited in the ERP by the hub, so
   * an adapter may write it without reading the ERP's copy first.
   */
  revision?: number
  display_id: string | number
  /** ISO 4217, any case. */
  currency_code: string
  /** The buyer's purchase-order number. */
  po_number?: string
  /** ISO 8601 timestamp. */
  placed_at: string
  customer: {
    company_id: string
    erp_account_number?: string
    name: string
    email: string
    billing_address: HubAddress
    shipping_address: HubAddress
  }
  /** Every priced line (shipping included) was priced with tax included. */
  tax_inclusive: boolean
  lines: HubOrderLine[]
  shipping_lines: HubShippingLine[]
  /** Shipping net of its discount and of tax (Σ shipping lines' `net_minor`). */
  shipping_minor: Minor
  /** Σ shipping lines' `tax_minor`. */
  shipping_tax_minor: Minor
  /** Σ `subtotal_minor` of lines and shipping lines: net of tax, before discount. */
  subtotal_minor: Minor
  /** Σ discounts, net of tax (lines and shipping). */
  discount_minor: Minor
  discount_tax_minor: Minor
  tax_minor: Minor
  /** Order-level credit (Medusa credit lines): reduces the total, carries no tax. */
  credit_minor: Minor
  total_minor: Minor
  /**
   * The order's received returns, oldest first. `lines` and the totals count only the units kept
   * (as Medusa does once a return is received); each return holds the units it took back and
   * their money, so lines + returns = the order as sold (`orderAsSold`).
   */
  returns?: HubReturn[]
}

/** Ask the ERP to pick/pack/ship some lines of an order. */
export interface FulfillmentRequest {
  /** Our fulfillment id; the idempotency key of the request. */
  id: string
  order_id: string
  lines: Array<{ line_id: string; sku: string; quantity: number }>
  shipping_address?: HubAddress
  /** Free text, e.g. the shipping option chosen at checkout. */
  shipping_method?: string
}

/** A shipment the ERP reports back. Reads are at-least-once: dedupe on `erp_id`. */
export interface Shipment {
  erp_id: string
  /** Our order id (the external id the order was synced with). */
  order_id: string
  tracking_numbers: string[]
  carrier?: string
  shipped_at?: string
  lines: Array<{ sku: string; quantity: number; line_id?: string }>
}

export interface UpsertResult {
  erpId: string
  /**
   * True when this call is known to have created the record. NetSuite's upsert answers 204 for
   * create and update alike, so the NetSuite adapter always reports false.
   */
  created: boolean
}

export interface CustomerUpsertResult extends UpsertResult {
  /** The key later orders should reference the customer by (store it as `erp_account_number`). */
  accountNumber: string
}

export interface CancelResult {
  /** `not_found`: the ERP never had the order, so there was nothing to cancel. */
  status: "cancelled" | "already_cancelled" | "not_found"
  erpId?: string
}

export interface FulfillmentRequestResult {
  erpRef: string
  created: boolean
}

export type BreakerState = "closed" | "open" | "halfOpen"

export interface HealthStatus {
  ok: boolean
  latencyMs: number
  breaker: BreakerState
  error?: { code: string; message: string }
}

/** What every ERP adapter implements. All writes are idempotent and safe to call again after any failure. */
export interface ErpConnector {
  readonly kind: ConnectorKind
  /** `<kind>:<connection id>`; also the circuit-breaker key. */
  readonly key: string
  upsertCustomer(customer: HubCustomer): Promise<CustomerUpsertResult>
  upsertSalesOrder(order: HubOrder): Promise<UpsertResult>
  /**
   * Books a received return as the ERP's own return document (a credit memo), keyed by `ret.id`;
   * called after `upsertSalesOrder(order)`. Absent on an adapter whose ERP has no such document:
   * there the return reaches the ERP as the updated order (the upsert every sync makes).
   */
  upsertReturn?(order: HubOrder, ret: HubReturn): Promise<UpsertResult>
  cancelSalesOrder(orderId: string): Promise<CancelResult>
  createFulfillmentRequest(request: FulfillmentRequest): Promise<FulfillmentRequestResult>
  /**
   * Withdraws a fulfillment request (the fulfillment was canceled in the hub). `not_found` when the
   * ERP never had it; an `ErpPermanentError` when it has already shipped.
   */
  cancelFulfillmentRequest(request: Pick<FulfillmentRequest, "id" | "order_id">): Promise<CancelResult>
  /** Shipments posted on or after `since` (day granularity on some ERPs). */
  readShipments(since: Date | string): Promise<Shipment[]>
  /** Never throws: reports reachability, auth and the breaker state. */
  healthCheck(): Promise<HealthStatus>
}

export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void
  info(message: string, meta?: Record<string, unknown>): void
  warn(message: string, meta?: Record<string, unknown>): void
  error(message: string, meta?: Record<string, unknown>): void
}
