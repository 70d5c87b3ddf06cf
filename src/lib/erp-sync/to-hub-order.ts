import type { HubAddress, HubCustomer, HubOrder } from "../../../connectors"
import type { OrderDocument } from "../orders/order-document"
import { toHubAddress } from "./to-hub-address"

const address = (raw: Record<string, unknown> | null): HubAddress => toHubAddress(raw ?? {})!

/**
 * The order document → the connector's canonical order. Prices and totals
 * are the ones the order carries (and the invoice was issued with), in minor
 * units; the company's ERP account number is the ERP customer.
 */
export function toHubOrder(doc: OrderDocument): HubOrder {
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
    lines: doc.lines.map((l) => ({
      line_id: l.line_id,
      sku: l.sku ?? "",
      title: l.title,
      quantity: l.quantity,
      unit_price_minor: l.unit_price_minor,
      discount_minor: l.discount_minor,
      tax_minor: l.tax_minor,
      total_minor: l.total_minor,
    })),
    shipping_minor: doc.shipping_minor,
    tax_minor: doc.tax_minor,
    discount_minor: doc.discount_minor,
    total_minor: doc.total_minor,
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
