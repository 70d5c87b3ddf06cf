import { DATE_TIME, JsonSchema, MINOR_AMOUNT, nullable } from "./types"

const ADDRESS: JsonSchema = {
  type: "object",
  properties: Object.fromEntries(
    [
      "company",
      "first_name",
      "last_name",
      "address_1",
      "address_2",
      "city",
      "postal_code",
      "province",
      "country_code",
      "phone",
    ].map((k) => [k, nullable({ type: "string" })])
  ),
}

/** Money of one order line or shipping line (src/lib/orders/order-money.ts). */
const LINE_MONEY: Record<string, JsonSchema> = {
  unit_price: { type: "string", description: "As priced (gross when tax_inclusive), exact decimal in major units." },
  unit_price_minor: MINOR_AMOUNT,
  tax_inclusive: { type: "boolean" },
  tax_rate: { type: "string", description: "Σ of the line's tax rates, percent." },
  subtotal_minor: { ...MINOR_AMOUNT, description: "Net of tax, before discount." },
  discount_minor: { ...MINOR_AMOUNT, description: "Discount net of tax." },
  discount_tax_minor: MINOR_AMOUNT,
  net_minor: { ...MINOR_AMOUNT, description: "subtotal − discount: the taxable amount." },
  tax_minor: MINOR_AMOUNT,
  total_minor: { ...MINOR_AMOUNT, description: "net + tax." },
}

/** A received return (src/lib/orders/return-document.ts): the units taken back and what they are worth. */
export const RETURN_DOCUMENT: JsonSchema = {
  type: "object",
  required: ["id", "received_at", "lines", "tax_minor", "total_minor"],
  properties: {
    id: { type: "string", description: "The return id; ERPs key their return document (credit memo) by it." },
    display_id: nullable({ type: "integer" }),
    status: { type: "string", description: "received, or partially_received" },
    received_at: DATE_TIME,
    lines: {
      type: "array",
      items: {
        type: "object",
        required: ["line_id", "title", "quantity", "net_minor", "tax_minor", "total_minor"],
        properties: {
          line_id: { type: "string", description: "The order line the units came from." },
          sku: nullable({ type: "string" }),
          title: { type: "string" },
          quantity: { type: "integer", minimum: 1, description: "Units taken back (received or damaged)." },
          ...LINE_MONEY,
        },
      },
    },
    subtotal_minor: MINOR_AMOUNT,
    discount_minor: MINOR_AMOUNT,
    discount_tax_minor: MINOR_AMOUNT,
    tax_minor: MINOR_AMOUNT,
    total_minor: { ...MINOR_AMOUNT, description: "Σ line totals: what the returned units are worth." },
  },
}

/** The order document (src/lib/orders/order-document.ts), as ERPs and partners receive it. */
export const ORDER_DOCUMENT: JsonSchema = {
  type: "object",
  required: [
    "version",
    "id",
    "display_id",
    "status",
    "currency_code",
    "placed_at",
    "updated_at",
    "lines",
    "total_minor",
  ],
  properties: {
    version: { type: "string", description: "Order document version (a date)." },
    id: { type: "string" },
    display_id: { type: "integer" },
    status: { type: "string" },
    currency_code: { type: "string", pattern: "^[a-z]{3}$" },
    email: nullable({ type: "string" }),
    po_number: nullable({ type: "string" }),
    company_id: nullable({ type: "string" }),
    company: nullable({
      type: "object",
      required: ["id", "name"],
      properties: {
        id: { type: "string" },
        name: { type: "string" },
        erp_account_number: nullable({ type: "string" }),
        billing_email: nullable({ type: "string" }),
      },
    }),
    contract_id: nullable({ type: "string" }),
    sales_channel_id: nullable({ type: "string" }),
    placed_at: DATE_TIME,
    updated_at: DATE_TIME,
    canceled_at: nullable(DATE_TIME),
    tax_inclusive: { type: "boolean", description: "Every priced line includes tax in its price." },
    lines: {
      type: "array",
      items: {
        type: "object",
        required: [
          "line_id",
          "title",
          "quantity",
          "unit_price",
          "unit_price_minor",
          "net_minor",
          "tax_minor",
          "total_minor",
        ],
        properties: {
          line_id: { type: "string" },
          sku: nullable({ type: "string" }),
          variant_id: nullable({ type: "string" }),
          product_id: nullable({ type: "string" }),
          title: { type: "string" },
          quantity: { type: "integer", minimum: 0 },
          ...LINE_MONEY,
          contract_rule_id: nullable({ type: "string" }),
        },
      },
    },
    shipping_lines: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "name", "net_minor", "tax_minor", "total_minor"],
        properties: { id: { type: "string" }, name: { type: "string" }, ...LINE_MONEY },
      },
    },
    shipping_minor: { ...MINOR_AMOUNT, description: "Shipping net of its discount and of tax." },
    shipping_tax_minor: MINOR_AMOUNT,
    subtotal_minor: { ...MINOR_AMOUNT, description: "Net of tax, before discounts." },
    discount_minor: { ...MINOR_AMOUNT, description: "Discounts net of tax." },
    discount_tax_minor: MINOR_AMOUNT,
    tax_minor: MINOR_AMOUNT,
    credit_minor: MINOR_AMOUNT,
    total_minor: { ...MINOR_AMOUNT, description: "Σ line totals + Σ shipping totals − credit; equals the invoice." },
    returns: {
      type: "array",
      description:
        "Received returns, oldest first. Lines and totals count only the units kept: lines + returns = the order as sold.",
      items: RETURN_DOCUMENT,
    },
    shipping_address: nullable(ADDRESS),
    billing_address: nullable(ADDRESS),
  },
}

/** The invoice document (src/modules/invoicing/lib/invoice-document.ts). */
export const INVOICE_DOCUMENT: JsonSchema = {
  type: "object",
  required: ["id", "order_id", "status", "currency_code", "total_minor", "amount_due_minor"],
  properties: {
    id: { type: "string" },
    order_id: { type: "string" },
    company_id: { type: "string" },
    number: nullable({ type: "string" }),
    status: { type: "string", enum: ["pending", "draft", "open", "paid", "uncollectible", "void"] },
    overdue: { type: "boolean" },
    currency_code: { type: "string" },
    payment_terms: { type: "string" },
    total_minor: MINOR_AMOUNT,
    amount_due_minor: MINOR_AMOUNT,
    amount_paid_minor: MINOR_AMOUNT,
    credited_minor: MINOR_AMOUNT,
    due_at: nullable(DATE_TIME),
    hosted_invoice_url: nullable({ type: "string" }),
    stripe_invoice_id: nullable({ type: "string" }),
  },
}

/** `data` of every order.* event: the order as it is after the fact. */
export const ORDER_DATA: JsonSchema = {
  type: "object",
  required: ["order"],
  properties: { order: ORDER_DOCUMENT },
}

/** `data` of order events about one fulfillment. */
export const ORDER_FULFILLMENT_DATA: JsonSchema = {
  type: "object",
  required: ["order", "fulfillment_id"],
  properties: { order: ORDER_DOCUMENT, fulfillment_id: { type: "string" } },
}

/** `data` of every invoice.* event: the invoice as it is after the fact. */
export const INVOICE_DATA: JsonSchema = {
  type: "object",
  required: ["invoice"],
  properties: { invoice: INVOICE_DOCUMENT },
}
