import type { HubAddress, HubCustomer, HubLineMoney, HubOrder, HubReturn } from "../../../../../connectors"
import type { OrderDocument, OrderDocumentMoney } from "../../../../lib/orders/order-document"
import type { ReturnDocument } from "../../../../lib/orders/return-document"
import { documentMoney } from "./document-money"
import { toHubAddress } from "./to-hub-address"

const address = (raw: Record<string, unknown> | null): HubAddress => toHubAddress(raw ?? {})!

/** One line's money, field for field: the document and the connectors mean the same by each. */
function lineMoney(l: OrderDocumentMoney): HubLineMoney {
  return {
    unit_price: l.unit_price,
    unit_price_minor: l.unit_price_minor,
    tax_inclusive: l.tax_inclusive,
    tax_rate: l.tax_rate,
    subtotal_minor: l.subtotal_minor,
    discount_minor: l.discount_minor,
    discount_tax_minor: l.discount_tax_minor,
    net_minor: l.net_minor,
    tax_minor: l.tax_minor,
    total_minor: l.total_minor,
  }
}

/** A received return of the document → the connector's return, figure for figure. */
function toHubReturn(r: ReturnDocument): HubReturn {
  return {
    id: r.id,
    display_id: r.display_id ?? undefined,
    received_at: r.received_at,
    lines: r.lines.map((l) => ({
      line_id: l.line_id,
      sku: l.sku ?? "",
      title: l.title,
      quantity: l.quantity,
      ...lineMoney(l),
    })),
    subtotal_minor: r.subtotal_minor,
    discount_minor: r.discount_minor,
    discount_tax_minor: r.discount_tax_minor,
    tax_minor: r.tax_minor,
    total_minor: r.total_minor,
  }
}

/**
 * The order document → the connector's canonical order. Every figure is the
 * document's (the order money model's, the one the invoice was issued from),
 * in minor units; how each ERP is told them is the connector's business
 * (connectors/README.md, "Money"). The company's ERP account number is the
 * ERP customer.
 */
export function toHubOrder(doc: OrderDocument): HubOrder {
  const money = documentMoney(doc)
  return {
    id: doc.id,
    display_id: doc.display_id,
    currency_code: doc.currency_code,
    po_number: doc.po_number ?? undefined,
    placed_at: doc.placed_at,
    customer: {
      company_id: doc.company_id ?? "",
      erp_account_number: doc.company?.erp_account_number ?? undefined,
      name: doc.company?.name ?? doc.email ?? "",
      email: doc.company?.billing_email ?? doc.email ?? "",
      billing_address: address(doc.billing_address),
      shipping_address: address(doc.shipping_address),
    },
    tax_inclusive: money.tax_inclusive,
    lines: money.lines.map((l) => ({
      line_id: l.line_id,
      sku: l.sku ?? "",
      title: l.title,
      quantity: l.quantity,
      ...lineMoney(l),
    })),
    shipping_lines: money.shipping_lines.map((s) => ({ id: s.id, name: s.name, ...lineMoney(s) })),
    shipping_minor: money.shipping_minor,
    shipping_tax_minor: money.shipping_tax_minor,
    subtotal_minor: money.subtotal_minor,
    discount_minor: money.discount_minor,
    discount_tax_minor: money.discount_tax_minor,
    tax_minor: money.tax_minor,
    credit_minor: money.credit_minor,
    total_minor: money.total_minor,
    // Documents published before returns were part of them have none.
    returns: (doc.returns ?? []).map(toHubReturn),
  }
}

/** The order's buyer company as an ERP customer (for ERPs that do not know it yet). */
export function toHubCustomer(doc: OrderDocument): HubCustomer {
  const billing = address(doc.billing_address ?? doc.shipping_address)
  return {
    company_id: doc.company_id ?? doc.company?.id ?? "",
    erp_account_number: doc.company?.erp_account_number ?? undefined,
    name: doc.company?.name ?? billing.company ?? doc.email ?? "",
    email: doc.company?.billing_email ?? doc.email ?? "",
    phone: billing.phone,
    currency_code: doc.currency_code,
    billing_address: billing,
    shipping_address: address(doc.shipping_address ?? doc.billing_address),
  }
}
