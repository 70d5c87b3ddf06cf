import { z } from "@medusajs/framework/zod"
import { CONNECTOR_KINDS } from "../../../../connectors"
import { ORDER_DOCUMENT_VERSION } from "../../../lib/orders/order-document"
import { PULL_SCOPES } from "../../../modules/erp/lib/grants"
import { DELIVERY_STATUS_VALUES } from "../webhook-validators"
import { anyJson, currencyCode, dateTime, named, nextCursor, offsetPage } from "../../openapi/schemas"

/**
 * Response bodies of the ERP APIs: the pull API (/erp, the order document of
 * src/lib/orders/order-document.ts as stored in the feed) and the admin API
 * (/admin/erp: connections, pull clients, syncs; src/api/admin/erp/views.ts
 * and erp-syncs.ts).
 */

/** An integer amount in minor units, written as a string (the order document never writes a float). */
const minorString = () =>
  z
    .string()
    .regex(/^-?[0-9]+$/)
    .meta({ description: "Integer amount in minor units of the order's currency, as a string", example: "1999" })

/** Money of one order line, shipping line or returned line (src/lib/orders/document-line-money.ts). */
const lineMoney = {
  unit_price: z.string().meta({
    description:
      "As priced: gross when `tax_inclusive`, else net. Exact decimal in major units (may be finer than the currency)",
    example: "19.99",
  }),
  unit_price_minor: minorString().meta({ description: "`unit_price` rounded to the minor unit (use the totals)" }),
  tax_inclusive: z.boolean(),
  tax_rate: z.string().meta({ description: "Σ of the line's tax rates, percent", example: "8.875" }),
  subtotal_minor: minorString().meta({ description: "Net of tax, before discount" }),
  discount_minor: minorString().meta({ description: "Discount net of tax" }),
  discount_tax_minor: minorString(),
  net_minor: minorString().meta({ description: "subtotal − discount: the taxable amount" }),
  tax_minor: minorString(),
  total_minor: minorString().meta({ description: "net + tax" }),
}

const nullableString = () => z.string().nullable()

export const OrderDocumentAddress = named(
  "OrderDocumentAddress",
  z.object({
    company: nullableString(),
    first_name: nullableString(),
    last_name: nullableString(),
    address_1: nullableString(),
    address_2: nullableString(),
    city: nullableString(),
    postal_code: nullableString(),
    province: nullableString(),
    country_code: nullableString(),
    phone: nullableString(),
  })
)

export const OrderDocumentLine = named(
  "OrderDocumentLine",
  z.object({
    line_id: z.string(),
    sku: nullableString(),
    variant_id: nullableString(),
    product_id: nullableString(),
    title: z.string(),
    quantity: z.number().int().min(0).meta({ description: "Units kept (as ordered, less the units returned)" }),
    ...lineMoney,
    contract_rule_id: nullableString().meta({ description: "The contract rule that priced the line" }),
  })
)

export const OrderDocumentShippingLine = named(
  "OrderDocumentShippingLine",
  z.object({ id: z.string(), name: z.string(), ...lineMoney })
)

export const ReturnDocumentLine = named(
  "ReturnDocumentLine",
  z.object({
    line_id: z.string().meta({ description: "The order line the units came from" }),
    sku: nullableString(),
    title: z.string(),
    quantity: z.number().int().min(1).meta({ description: "Units taken back (received or damaged)" }),
    ...lineMoney,
  })
)

export const ReturnDocument = named(
  "ReturnDocument",
  z.object({
    id: z.string().meta({ description: "The return id; ERPs key their credit memo by it" }),
    display_id: z.number().int().nullable(),
    status: z.string().meta({ example: "received" }),
    received_at: dateTime(),
    lines: z.array(ReturnDocumentLine),
    subtotal_minor: minorString(),
    discount_minor: minorString(),
    discount_tax_minor: minorString(),
    tax_minor: minorString(),
    total_minor: minorString().meta({ description: "Σ line totals: what the returned units are worth" }),
  })
)

/** The order document (src/lib/orders/order-document.ts): what the feed stores and serves as it was written. */
export const OrderDocument = named(
  "OrderDocument",
  z.object({
    version: z.literal(ORDER_DOCUMENT_VERSION).meta({ description: "Order document version (a date)" }),
    id: z.string().meta({ description: "The order id, the external id ERPs key by" }),
    display_id: z.number().int(),
    status: z.string().meta({ description: "Medusa's order status (pending, completed, canceled, …)" }),
    currency_code: currencyCode(),
    email: nullableString(),
    po_number: nullableString().meta({ description: "The buyer's purchase order number" }),
    company_id: nullableString(),
    company: z
      .object({
        id: z.string(),
        name: z.string(),
        erp_account_number: nullableString(),
        billing_email: nullableString(),
      })
      .nullable(),
    contract_id: nullableString().meta({ description: "The contract that priced the order" }),
    sales_channel_id: nullableString(),
    placed_at: dateTime(),
    updated_at: dateTime(),
    canceled_at: dateTime().nullable(),
    tax_inclusive: z.boolean().meta({ description: "Every priced line includes tax in its price" }),
    lines: z.array(OrderDocumentLine),
    shipping_lines: z.array(OrderDocumentShippingLine),
    shipping_minor: minorString().meta({ description: "Shipping net of its discount and of tax" }),
    shipping_tax_minor: minorString(),
    subtotal_minor: minorString().meta({ description: "Σ lines' and shipping's net subtotals (before discount)" }),
    discount_minor: minorString().meta({ description: "Σ discounts, net of tax" }),
    discount_tax_minor: minorString(),
    tax_minor: minorString(),
    credit_minor: minorString().meta({ description: "Order-level credit (reduces the total)" }),
    total_minor: minorString().meta({
      description: "Σ line totals + Σ shipping totals − credit = Medusa's order total (the invoice)",
    }),
    returns: z.array(ReturnDocument).optional().meta({
      description:
        "Received returns, oldest first. `lines` and the totals count only the units kept: lines + returns = the order as sold. Absent from documents published before 2026-12-07",
    }),
    shipping_address: OrderDocumentAddress.nullable(),
    billing_address: OrderDocumentAddress.nullable(),
  })
)

export const OrderFeedPage = z.object({
  object: z.literal("list"),
  version: z.literal(ORDER_DOCUMENT_VERSION).meta({ description: "The order document version" }),
  data: z.array(OrderDocument).meta({ description: "Oldest change first" }),
  has_more: z.boolean(),
  next_cursor: nextCursor().meta({
    description:
      "Pass as `cursor` for the next page, and keep the last one to resume from later (it stays valid); null only when the first page is empty",
  }),
})

export const ErpAckResult = z.object({ order_id: z.string(), erp_id: z.string(), created: z.boolean() })

export const ErpShipmentResult = z.object({
  shipment: z.object({
    id: z.string().meta({ description: "The ERP's shipment id (`shipment_id`)" }),
    order_id: z.string(),
    fulfillment_id: z.string().meta({ description: "The Medusa fulfillment it was recorded on" }),
    created: z.boolean().meta({ description: "False when this shipment_id had already been reported" }),
    tracking_numbers: z.array(z.string()),
  }),
})

/* Admin */

export const ErpConnection = named(
  "ErpConnection",
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(CONNECTOR_KINDS),
    settings: z.record(z.string(), anyJson()).meta({ description: "The adapter's settings" }),
    has_credentials: z.boolean().meta({ description: "Credentials are write-only: never returned" }),
    enabled: z.boolean(),
    concurrency: z.number().int(),
    max_attempts: z.number().int(),
    retry_base_ms: z.number().int(),
    shipments_synced_at: dateTime().nullable().meta({ description: "The shipment poller's high-water mark" }),
    created_at: dateTime(),
    updated_at: dateTime(),
    deleted_at: dateTime().nullable(),
  })
)

export const ErpConnectionPage = z.object({ connections: z.array(ErpConnection), ...offsetPage })

export const ErpConnectionTest = z.object({
  connection_id: z.string(),
  ok: z.boolean().meta({ description: "Whether the ERP answered the authenticated call" }),
  latency_ms: z.number().int(),
  breaker: z.enum(["closed", "open", "halfOpen"]).meta({ description: "The connection's circuit breaker" }),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
})

export const ErpPullClient = named(
  "ErpPullClient",
  z.object({
    id: z.string(),
    name: z.string(),
    client_id: z.string().meta({ description: "The OAuth client id" }),
    scopes: z.array(z.enum(PULL_SCOPES)),
    sales_channel_ids: z.array(z.string()).meta({ description: '"*" = every sales channel' }),
    company_ids: z.array(z.string()).meta({ description: "Empty = every company" }),
    revoked_at: dateTime().nullable(),
    created_at: dateTime(),
    updated_at: dateTime(),
    deleted_at: dateTime().nullable(),
  })
)

export const ErpPullClientPage = z.object({ pull_clients: z.array(ErpPullClient), ...offsetPage })

export const ErpPullClientWithSecret = z.object({
  pull_client: ErpPullClient,
  client_secret: z.string().meta({ description: "Shown this once (only a hash is kept)" }),
})

export const ErpSync = named(
  "ErpSync",
  z.object({
    id: z.string(),
    order_id: z.string(),
    event_id: z.string(),
    event_type: z.string().meta({ example: "order.placed" }),
    connection_id: z.string(),
    connection_name: nullableString(),
    status: z.enum(DELIVERY_STATUS_VALUES),
    attempts: z.number().int(),
    next_attempt_at: dateTime().nullable(),
    last_error: nullableString(),
    last_status_code: z.number().int().nullable(),
    failure_reason: nullableString(),
    erp_id: nullableString().meta({ description: "The ERP's id of what this sync sent, else of the order" }),
    created_at: dateTime(),
    updated_at: dateTime(),
    completed_at: dateTime().nullable(),
  })
)

export const ErpSyncAttempt = named(
  "ErpSyncAttempt",
  z.object({
    attempt: z.number().int(),
    outcome: z.string(),
    status_code: z.number().int().nullable(),
    duration_ms: z.number().int(),
    error: nullableString(),
    created_at: dateTime(),
  })
)

export const ErpSyncDetail = z.object({ sync: ErpSync.extend({ attempt_log: z.array(ErpSyncAttempt) }) })

export const ErpSyncPage = z.object({ syncs: z.array(ErpSync), ...offsetPage })

export const ErpOrderSyncStatus = z.object({
  order_id: z.string(),
  connections: z.array(
    z.object({
      connection_id: z.string(),
      connection_name: nullableString(),
      status: z.enum(DELIVERY_STATUS_VALUES),
      attempts: z.number().int(),
      last_error: nullableString(),
      erp_id: nullableString(),
      latest_sync_id: z.string(),
      event_type: z.string(),
      created_at: dateTime(),
      updated_at: dateTime(),
      completed_at: dateTime().nullable(),
      next_attempt_at: dateTime().nullable(),
    })
  ),
  syncs: z.array(ErpSync).meta({ description: "Every sync of the order, newest first" }),
})
