import type { FormObject } from "./form"
import type { Metadata } from "./params"

/** JSON shapes the sandbox stores and returns; field names follow stripe@23 types. */

export interface ListObject<T> {
  object: "list"
  data: T[]
  has_more: boolean
  url: string
}

export interface CustomField {
  name: string
  value: string
}

export interface CustomerObject {
  id: string
  object: "customer"
  address: FormObject | null
  balance: number
  business_name?: string
  created: number
  currency: string | null
  default_source: null
  delinquent: boolean
  description: string | null
  discount: null
  email: string | null
  invoice_prefix: string
  invoice_settings: {
    custom_fields: CustomField[] | null
    default_payment_method: string | null
    footer: string | null
    rendering_options: null
  }
  livemode: false
  metadata: Metadata
  name: string | null
  next_invoice_sequence: number
  phone: string | null
  preferred_locales: string[]
  shipping: FormObject | null
  tax_exempt: string
  test_clock: null
}

export type InvoiceStatus = "draft" | "open" | "paid" | "uncollectible" | "void"

/**
 * One entry of `taxes` (invoice and credit note lines) and `total_taxes`
 * (invoices and credit notes), as API 2026-10-28 returns them (stripe@23
 * `InvoiceLineItem.Tax`, `Invoice.TotalTax`, `CreditNote.TotalTax`).
 */
export interface TaxObject {
  amount: number
  tax_behavior: "exclusive" | "inclusive"
  tax_rate_details: { tax_rate: string }
  taxability_reason: string
  taxable_amount: number | null
  type: "tax_rate_details"
}

/** The TaxRate Stripe creates (or reuses) for each `tax_amounts[].tax_rate_data` (stripe@23 `TaxRate`). */
export interface TaxRateObject {
  id: string
  object: "tax_rate"
  active: boolean
  country: string | null
  created: number
  description: string | null
  display_name: string
  effective_percentage: number | null
  flat_amount: null
  inclusive: boolean
  jurisdiction: string | null
  jurisdiction_level: string | null
  livemode: false
  metadata: Metadata
  percentage: number
  rate_type: "percentage"
  state: string | null
  tax_type: string | null
}

export interface LineObject {
  id: string
  object: "line_item"
  amount: number
  currency: string
  description: string | null
  discount_amounts: []
  discountable: boolean
  discounts: []
  invoice: string
  livemode: false
  metadata: Metadata
  parent: {
    type: "invoice_item_details"
    invoice_item_details: {
      invoice_item: string
      proration: false
      proration_details: { credited_items: null }
      subscription: null
    }
    subscription_item_details: null
  }
  period: { start: number; end: number }
  pretax_credit_amounts: []
  pricing: {
    type: "price_details"
    price_details: { price: string; product: string }
    unit_amount_decimal: string
  }
  quantity: number
  quantity_decimal: string
  subscription: null
  subtotal: number
  taxes: TaxObject[]
}

/** An invoice without its `lines` list (kept separately and embedded on render). */
export interface InvoiceFields {
  id: string
  object: "invoice"
  account_country: string
  account_name: string
  amount_due: number
  amount_overpaid: number
  amount_paid: number
  /** What was paid outside Stripe: the sandbox counts `pay` with `paid_out_of_band`. */
  amount_paid_off_stripe: number
  amount_remaining: number
  amount_shipping: number
  attempt_count: number
  attempted: boolean
  auto_advance: boolean
  automatic_tax: { enabled: false; liability: null; status: null; disabled_reason: null }
  automatically_finalizes_at: number | null
  billing_reason: "manual"
  collection_method: "charge_automatically" | "send_invoice"
  created: number
  currency: string
  custom_fields: CustomField[] | null
  customer: string
  customer_address: FormObject | null
  customer_email: string | null
  customer_name: string | null
  customer_phone: string | null
  customer_shipping: FormObject | null
  customer_tax_exempt: string
  default_payment_method: null
  default_source: null
  default_tax_rates: []
  description: string | null
  discounts: []
  due_date: number | null
  effective_at: number | null
  ending_balance: number | null
  footer: string | null
  from_invoice: null
  hosted_invoice_url: string | null
  invoice_pdf: string | null
  issuer: { type: "self" }
  last_finalization_error: null
  latest_revision: null
  livemode: false
  metadata: Metadata
  next_payment_attempt: number | null
  number: string | null
  on_behalf_of: null
  parent: null
  payment_settings: { default_mandate: null; payment_method_options: null; payment_method_types: null }
  period_end: number
  period_start: number
  post_payment_credit_notes_amount: number
  pre_payment_credit_notes_amount: number
  receipt_number: null
  rendering: null
  shipping_cost: null
  shipping_details: null
  starting_balance: number
  statement_descriptor: string | null
  status: InvoiceStatus
  status_transitions: {
    finalized_at: number | null
    marked_uncollectible_at: number | null
    paid_at: number | null
    voided_at: number | null
  }
  subtotal: number
  subtotal_excluding_tax: number
  test_clock: null
  total: number
  total_discount_amounts: []
  total_excluding_tax: number
  total_pretax_credit_amounts: []
  total_taxes: TaxObject[]
  webhooks_delivered_at: number | null
}

export type InvoiceObject = InvoiceFields & { lines: ListObject<LineObject> }

export interface CreditNoteLineObject {
  id: string
  object: "credit_note_line_item"
  amount: number
  description: string | null
  discount_amount: 0
  discount_amounts: []
  invoice_line_item?: string
  livemode: false
  metadata: Metadata
  pretax_credit_amounts: []
  quantity: number | null
  tax_rates: []
  taxes: TaxObject[]
  type: "invoice_line_item" | "custom_line_item"
  unit_amount: number | null
  unit_amount_decimal: string | null
}

export interface CreditNoteObject {
  id: string
  object: "credit_note"
  amount: number
  amount_shipping: 0
  created: number
  currency: string
  customer: string
  customer_balance_transaction: null
  discount_amount: 0
  discount_amounts: []
  effective_at: number
  invoice: string
  lines: ListObject<CreditNoteLineObject>
  livemode: false
  memo: string | null
  metadata: Metadata
  number: string
  out_of_band_amount: number | null
  pdf: string
  post_payment_amount: number
  pre_payment_amount: number
  pretax_credit_amounts: []
  reason: string | null
  refunds: []
  shipping_cost: null
  status: "issued" | "void"
  subtotal: number
  subtotal_excluding_tax: number
  total: number
  total_excluding_tax: number
  total_taxes: TaxObject[]
  type: "pre_payment" | "post_payment" | "mixed"
  voided_at: number | null
}

export interface StripeEvent {
  id: string
  object: "event"
  api_version: string
  created: number
  data: { object: object; previous_attributes?: Record<string, unknown> }
  livemode: false
  pending_webhooks: number
  request: { id: string | null; idempotency_key: string | null }
  type: string
}
