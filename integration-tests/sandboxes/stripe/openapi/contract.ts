/**
 * The part of Stripe's API the hub and the sandbox use, as a contract derived
 * from Stripe's OpenAPI document (our own compact transcription, not a copy):
 *
 *   source   github.com/stripe/openapi, latest/openapi.spec3.json
 *   commit   18fa2cc768024b47789dc6fa243acd48478acac2
 *   version  info.version "2026-09-30.endive"
 *
 * The hub's SDK (stripe@23.1.0) pins API 2026-10-28.endive, one release after
 * this document; nothing the hub sends or reads differs between the two as far
 * as the SDK's types show (its `tax_type` enum is longer, which the document
 * marks x-stripeBypassValidation anyway).
 *
 * Requests: every endpoint lists ALL its top-level parameters, and all
 * parameters of the nested objects the hub or the sandbox's tests use, so an
 * unknown parameter is refused exactly where Stripe refuses it. Nested objects
 * nobody sends keep their name and type only (`opaque`: contents unchecked).
 * Long enums marked x-stripeBypassValidation are not transcribed (`open`).
 *
 * Responses: each object lists the fields the sandbox returns with their type
 * and nullability, plus the document's `required` keys; fields the sandbox
 * never fills are `unmodelled` (null / empty only). `#/...` pointers name the
 * place in the document each entry comes from.
 */
import {
  arr,
  bool,
  currency,
  decimal,
  emptyable,
  EndpointContract,
  expandable,
  expandParam,
  int,
  list,
  map,
  metadataField,
  metadataParam,
  nullable,
  num,
  obj,
  ObjectContract,
  ObjectName,
  oneOf,
  opaque,
  openEnum,
  pageQuery,
  rangeOrInt,
  ref,
  s5k,
  str,
  unixTime,
  unmodelled,
  type Schema,
} from "./schema"

export const OPENAPI_SOURCE = {
  repo: "stripe/openapi",
  path: "latest/openapi.spec3.json",
  commit: "18fa2cc768024b47789dc6fa243acd48478acac2",
  version: "2026-09-30.endive",
} as const

// ── Shared parameter shapes ──────────────────────────────────────────────────

/** optional_fields_customer_address / optional_fields_address */
const addressParam = obj({ city: s5k, country: s5k, line1: s5k, line2: s5k, postal_code: s5k, state: s5k })
/** custom_field_params */
const customFieldParam = obj({ name: str(40), value: str(140) }, ["name", "value"])
/** discounts_data_param */
const discountParam = obj({ coupon: s5k, discount: s5k, promotion_code: s5k })
/** param (automatic_tax[liability], issuer) */
const accountRefParam = obj({ account: str(), type: openEnum(["account", "self"]) }, ["type"])
const amountTaxDisplay = oneOf(["", "exclude_tax", "include_inclusive_tax"])
const taxExemptParam = oneOf(["", "exempt", "none", "reverse"])
const taxBehaviorParam = oneOf(["exclusive", "inclusive", "unspecified"])

/** tax_rate_data_param (add_lines, update_lines) */
const taxRateDataParam = obj(
  {
    country: s5k,
    description: s5k,
    display_name: str(200),
    inclusive: bool,
    jurisdiction: str(200),
    jurisdiction_level: oneOf(["city", "country", "county", "district", "multiple", "state"]),
    percentage: num,
    state: s5k,
    tax_type: openEnum([
      "amusement_tax",
      "communications_tax",
      "digital_excise_tax",
      "gst",
      "hst",
      "igst",
      "jct",
      "lease_tax",
      "mass_transit_parking_tax",
      "parking_tax",
      "pst",
      "qst",
      "retail_delivery_fee",
      "rst",
      "sales_tax",
      "service_tax",
      "utility_users_tax",
      "vat",
    ]),
  },
  ["display_name", "inclusive", "percentage"]
)
const TAXABILITY_REASONS = [
  "customer_exempt",
  "not_collecting",
  "not_subject_to_tax",
  "not_supported",
  "portion_product_exempt",
  "portion_reduced_rated",
  "portion_standard_rated",
  "product_exempt",
  "product_exempt_holiday",
  "proportionally_rated",
  "reduced_rated",
  "reverse_charge",
  "standard_rated",
  "taxable_basis_reduced",
  "zero_rated",
] as const
/** tax_amount_param */
const taxAmountParam = obj(
  {
    amount: int,
    tax_rate_data: taxRateDataParam,
    taxability_reason: openEnum(TAXABILITY_REASONS),
    taxable_amount: int,
  },
  ["amount", "tax_rate_data", "taxable_amount"]
)
/** product_data */
const productDataParam = obj(
  {
    description: str(40000),
    images: arr(str()),
    metadata: map(str()),
    name: s5k,
    tax_code: s5k,
    tax_details: obj({ performance_location: s5k, tax_code: emptyable(str()) }),
    unit_label: str(12),
  },
  ["name"]
)
/** one_time_price_data_with_product_data */
const priceDataParam = obj(
  {
    currency,
    product: s5k,
    product_data: productDataParam,
    tax_behavior: taxBehaviorParam,
    unit_amount: int,
    unit_amount_decimal: decimal,
  },
  ["currency"]
)
/** lines_data_param of POST /v1/invoices/{invoice}/add_lines */
const addLineParam = obj({
  amount: int,
  description: s5k,
  discountable: bool,
  discounts: emptyable(arr(discountParam)),
  invoice_item: s5k,
  metadata: metadataParam,
  period: obj({ end: unixTime, start: unixTime }, ["end", "start"]),
  price_data: priceDataParam,
  pricing: obj({ price: s5k }),
  quantity: int,
  quantity_decimal: decimal,
  tax_amounts: emptyable(arr(taxAmountParam)),
  tax_rates: emptyable(arr(s5k)),
})

/** credit_note_line_item_params */
const creditNoteLineParam = obj(
  {
    amount: int,
    description: s5k,
    invoice_line_item: s5k,
    metadata: map(str()),
    quantity: int,
    tax_amounts: emptyable(
      arr(obj({ amount: int, tax_rate: s5k, taxable_amount: int }, ["amount", "tax_rate", "taxable_amount"]))
    ),
    tax_rates: emptyable(arr(s5k)),
    type: oneOf(["custom_line_item", "invoice_line_item"]),
    unit_amount: int,
    unit_amount_decimal: decimal,
  },
  ["type"]
)

/** customer_param (invoice_settings of a customer) */
const customerInvoiceSettingsParam = obj({
  custom_fields: emptyable(arr(customFieldParam)),
  default_payment_method: s5k,
  footer: s5k,
  rendering_options: emptyable(obj({ amount_tax_display: amountTaxDisplay, template: s5k })),
})
/** customer_shipping */
const customerShippingParam = emptyable(obj({ address: addressParam, name: s5k, phone: s5k }, ["address", "name"]))
const cashBalanceParam = obj({
  settings: obj({ reconciliation_mode: oneOf(["automatic", "manual", "merchant_default"]) }),
})

/** Parameters POST /v1/invoices and POST /v1/invoices/{invoice} share (shapes as on create). */
const invoiceCommon = {
  account_tax_ids: emptyable(arr(s5k)),
  application_fee_amount: int,
  auto_advance: bool,
  automatic_tax: obj({ enabled: bool, liability: accountRefParam }, ["enabled"]),
  automatically_finalizes_at: unixTime,
  collection_method: oneOf(["charge_automatically", "send_invoice"]),
  custom_fields: emptyable(arr(customFieldParam)),
  days_until_due: int,
  default_payment_method: s5k,
  description: str(1500),
  discounts: emptyable(arr(discountParam)),
  due_date: unixTime,
  expand: expandParam,
  footer: s5k,
  issuer: accountRefParam,
  metadata: metadataParam,
  // payment_method_options (per payment method) and the 50-value, bypass-validation
  // payment_method_types enum are not transcribed: the hub sends neither.
  payment_settings: obj({
    default_mandate: emptyable(s5k),
    payment_method_options: opaque(),
    payment_method_types: emptyable(arr(str(undefined, { open: true }))),
  }),
  rendering: obj({
    amount_tax_display: amountTaxDisplay,
    pdf: obj({ page_size: oneOf(["a4", "auto", "letter"]) }),
    template: s5k,
    template_version: emptyable(int),
  }),
  statement_descriptor: str(22),
} satisfies Record<string, Schema>
const shippingCostParam = obj({ shipping_rate: s5k, shipping_rate_data: opaque() })
/** recipient_shipping_with_optional_fields_address */
const shippingDetailsParam = obj({ address: addressParam, name: s5k, phone: emptyable(s5k) }, ["address", "name"])

// ── Endpoints ────────────────────────────────────────────────────────────────

const body = (path: string, method: string) =>
  `#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/requestBody/content/application~1x-www-form-urlencoded/schema`
const query = (path: string, method: string) =>
  `#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/parameters`

function endpoint(
  method: EndpointContract["method"],
  path: string,
  hub: boolean,
  params: Record<string, Schema>,
  response: Schema,
  required: string[] = []
): EndpointContract {
  const m = method.toLowerCase()
  return {
    method,
    path,
    hub,
    pointer: method === "POST" ? body(path, m) : query(path, m),
    params: obj(params, required),
    response,
  }
}

const retrieveQuery = { expand: expandParam }

export const ENDPOINTS: readonly EndpointContract[] = [
  // Customers
  endpoint(
    "POST",
    "/v1/customers",
    true,
    {
      address: emptyable(addressParam),
      balance: int,
      business_name: emptyable(str(150)),
      cash_balance: cashBalanceParam,
      description: s5k,
      email: str(512),
      expand: expandParam,
      individual_name: emptyable(str(150)),
      invoice_prefix: s5k,
      invoice_settings: customerInvoiceSettingsParam,
      metadata: metadataParam,
      name: str(256),
      next_invoice_sequence: int,
      payment_method: s5k,
      phone: str(20),
      preferred_locales: arr(s5k),
      shipping: customerShippingParam,
      source: str(5000, { open: true }),
      tax: obj({ ip_address: emptyable(str()), validate_location: oneOf(["deferred", "immediately"]) }),
      tax_exempt: taxExemptParam,
      // data_params[type]: an enum of ~130 tax id types, bypass-validation: not transcribed.
      tax_id_data: arr(obj({ type: str(5000, { open: true }), value: str() }, ["type", "value"])),
      test_clock: s5k,
    },
    ref("customer")
  ),
  endpoint(
    "GET",
    "/v1/customers",
    false,
    { created: rangeOrInt, email: str(512), ...pageQuery, test_clock: s5k },
    list(ref("customer"))
  ),
  endpoint("GET", "/v1/customers/{customer}", false, retrieveQuery, ref("customer")),
  endpoint(
    "POST",
    "/v1/customers/{customer}",
    false,
    {
      address: emptyable(addressParam),
      balance: int,
      bank_account: { anyOf: [opaque(), s5k] },
      business_name: emptyable(str(150)),
      card: { anyOf: [opaque(), s5k] },
      cash_balance: cashBalanceParam,
      default_alipay_account: str(500),
      default_bank_account: str(500),
      default_card: str(500),
      default_source: str(500),
      description: s5k,
      email: str(512),
      expand: expandParam,
      individual_name: emptyable(str(150)),
      invoice_prefix: s5k,
      invoice_settings: customerInvoiceSettingsParam,
      metadata: metadataParam,
      name: str(256),
      next_invoice_sequence: int,
      phone: str(20),
      preferred_locales: arr(s5k),
      shipping: customerShippingParam,
      source: str(5000, { open: true }),
      tax: obj({ ip_address: emptyable(str()), validate_location: oneOf(["auto", "deferred", "immediately"]) }),
      tax_exempt: taxExemptParam,
    },
    ref("customer")
  ),

  // Invoices
  endpoint(
    "POST",
    "/v1/invoices",
    true,
    {
      ...invoiceCommon,
      currency,
      customer: s5k,
      customer_account: s5k,
      default_source: s5k,
      default_tax_rates: arr(s5k),
      effective_at: unixTime,
      from_invoice: obj({ action: oneOf(["revision"], { maxLength: 5000 }), invoice: s5k }, ["action", "invoice"]),
      number: str(26),
      on_behalf_of: str(),
      pending_invoice_items_behavior: openEnum(["exclude", "include"]),
      shipping_cost: shippingCostParam,
      shipping_details: shippingDetailsParam,
      subscription: s5k,
      transfer_data: obj({ amount: int, destination: str() }, ["destination"]),
    },
    ref("invoice")
  ),
  endpoint(
    "GET",
    "/v1/invoices",
    true,
    {
      collection_method: oneOf(["charge_automatically", "send_invoice"]),
      created: rangeOrInt,
      customer: s5k,
      customer_account: s5k,
      due_date: rangeOrInt,
      ...pageQuery,
      status: oneOf(["draft", "open", "paid", "uncollectible", "void"]),
      subscription: s5k,
    },
    list(ref("invoice"))
  ),
  endpoint("GET", "/v1/invoices/{invoice}", true, retrieveQuery, ref("invoice")),
  endpoint(
    "POST",
    "/v1/invoices/{invoice}",
    true,
    {
      ...invoiceCommon,
      default_source: emptyable(s5k),
      default_tax_rates: emptyable(arr(s5k)),
      effective_at: emptyable(unixTime),
      number: emptyable(str(26)),
      on_behalf_of: emptyable(str()),
      shipping_cost: emptyable(shippingCostParam),
      shipping_details: emptyable(shippingDetailsParam),
      transfer_data: emptyable(obj({ amount: int, destination: str() }, ["destination"])),
    },
    ref("invoice")
  ),
  // The document's DELETE body has no parameters at all (not even expand).
  endpoint("DELETE", "/v1/invoices/{invoice}", true, {}, ref("deleted_invoice")),
  endpoint(
    "POST",
    "/v1/invoices/{invoice}/add_lines",
    true,
    { expand: expandParam, invoice_metadata: metadataParam, lines: arr(addLineParam) },
    ref("invoice"),
    ["lines"]
  ),
  endpoint("GET", "/v1/invoices/{invoice}/lines", true, { ...pageQuery }, list(ref("line_item"))),
  endpoint(
    "POST",
    "/v1/invoices/{invoice}/finalize",
    true,
    { auto_advance: bool, expand: expandParam },
    ref("invoice")
  ),
  endpoint("POST", "/v1/invoices/{invoice}/send", true, { expand: expandParam }, ref("invoice")),
  endpoint(
    "POST",
    "/v1/invoices/{invoice}/pay",
    true,
    {
      expand: expandParam,
      forgive: bool,
      mandate: emptyable(s5k),
      off_session: bool,
      paid_out_of_band: bool,
      payment_method: s5k,
      source: s5k,
    },
    ref("invoice")
  ),
  endpoint("POST", "/v1/invoices/{invoice}/void", true, { expand: expandParam }, ref("invoice")),
  endpoint("POST", "/v1/invoices/{invoice}/mark_uncollectible", false, { expand: expandParam }, ref("invoice")),

  // Credit notes
  endpoint(
    "POST",
    "/v1/credit_notes",
    true,
    {
      amount: int,
      credit_amount: int,
      effective_at: unixTime,
      email_type: oneOf(["credit_note", "none"]),
      expand: expandParam,
      invoice: s5k,
      lines: arr(creditNoteLineParam),
      memo: s5k,
      metadata: map(str()),
      out_of_band_amount: int,
      reason: openEnum(["duplicate", "fraudulent", "order_change", "product_unsatisfactory"]),
      refund_amount: int,
      refunds: arr(
        obj({
          amount_refunded: int,
          payment_record_refund: obj({ payment_record: s5k, refund_group: s5k }, ["payment_record", "refund_group"]),
          refund: str(),
          type: oneOf(["payment_record_refund", "refund"]),
        })
      ),
      shipping_cost: obj({ shipping_rate: s5k }),
    },
    ref("credit_note"),
    ["invoice"]
  ),
  endpoint(
    "GET",
    "/v1/credit_notes",
    true,
    { created: rangeOrInt, customer: s5k, customer_account: s5k, invoice: s5k, ...pageQuery },
    list(ref("credit_note"))
  ),
  endpoint("GET", "/v1/credit_notes/{id}", false, retrieveQuery, ref("credit_note")),

  // Tax rates Stripe made from tax_rate_data, read back by tests
  endpoint("GET", "/v1/tax_rates/{tax_rate}", false, retrieveQuery, ref("tax_rate")),

  // Events
  endpoint(
    "GET",
    "/v1/events",
    false,
    {
      created: rangeOrInt,
      delivery_success: bool,
      ...pageQuery,
      type: s5k,
      types: arr(s5k),
    },
    list(ref("event"))
  ),
  endpoint("GET", "/v1/events/{id}", false, retrieveQuery, ref("event")),
]

// ── Response objects ─────────────────────────────────────────────────────────

const TAX_RATE_TYPES = [
  "amusement_tax",
  "communications_tax",
  "digital_excise_tax",
  "gst",
  "hst",
  "igst",
  "jct",
  "lease_tax",
  "mass_transit_parking_tax",
  "parking_tax",
  "pst",
  "qst",
  "retail_delivery_fee",
  "rst",
  "sales_tax",
  "service_tax",
  "utility_users_tax",
  "vat",
] as const
const schema = (name: string) => `#/components/schemas/${name}`
const nstr = nullable(s5k)
const nint = nullable(int)

export const OBJECTS: Readonly<Record<ObjectName, ObjectContract>> = {
  address: {
    pointer: schema("address"),
    ...obj({ city: nstr, country: nstr, line1: nstr, line2: nstr, postal_code: nstr, state: nstr }),
  },
  api_errors: {
    pointer: schema("api_errors"),
    ...obj(
      {
        advice_code: s5k,
        charge: s5k,
        code: s5k,
        decline_code: s5k,
        doc_url: s5k,
        message: str(40000),
        network_advice_code: s5k,
        network_decline_code: s5k,
        param: s5k,
        payment_intent: unmodelled(),
        payment_method: unmodelled(),
        payment_method_type: s5k,
        request_log_url: s5k,
        setup_intent: unmodelled(),
        source: unmodelled(),
        type: oneOf(["api_error", "card_error", "idempotency_error", "invalid_request_error"]),
      },
      ["type"]
    ),
  },
  automatic_tax: {
    pointer: schema("automatic_tax"),
    ...obj(
      {
        disabled_reason: nullable(oneOf(["finalization_requires_location_inputs", "finalization_system_error"])),
        enabled: bool,
        liability: nullable(ref("connect_account_reference")),
        provider: nstr,
        status: nullable(oneOf(["complete", "failed", "requires_location_inputs"])),
      },
      ["enabled"]
    ),
  },
  connect_account_reference: {
    pointer: schema("connect_account_reference"),
    ...obj({ account: expandable(), type: openEnum(["account", "self"]) }, ["type"]),
  },
  credit_note: {
    pointer: schema("credit_note"),
    ...obj(
      {
        amount: int,
        amount_shipping: int,
        created: unixTime,
        currency,
        customer: expandable(),
        customer_account: nstr,
        customer_balance_transaction: nullable(expandable()),
        discount_amount: int,
        discount_amounts: arr(unmodelled()),
        effective_at: nullable(unixTime),
        id: s5k,
        invoice: expandable(),
        lines: list(ref("credit_note_line_item")),
        livemode: bool,
        memo: nstr,
        metadata: nullable(metadataField),
        number: s5k,
        object: oneOf(["credit_note"]),
        out_of_band_amount: nint,
        pdf: s5k,
        post_payment_amount: int,
        pre_payment_amount: int,
        pretax_credit_amounts: arr(unmodelled()),
        reason: nullable(openEnum(["duplicate", "fraudulent", "order_change", "product_unsatisfactory"])),
        refunds: arr(unmodelled()),
        shipping_cost: nullable(unmodelled()),
        status: openEnum(["issued", "void"]),
        subtotal: int,
        subtotal_excluding_tax: nint,
        total: int,
        total_excluding_tax: nint,
        total_taxes: nullable(arr(ref("tax"))),
        type: oneOf(["mixed", "post_payment", "pre_payment"]),
        voided_at: nullable(unixTime),
      },
      [
        "amount",
        "amount_shipping",
        "created",
        "currency",
        "customer",
        "discount_amount",
        "discount_amounts",
        "id",
        "invoice",
        "lines",
        "livemode",
        "number",
        "object",
        "pdf",
        "post_payment_amount",
        "pre_payment_amount",
        "pretax_credit_amounts",
        "refunds",
        "status",
        "subtotal",
        "total",
        "type",
      ]
    ),
  },
  credit_note_line_item: {
    pointer: schema("credit_note_line_item"),
    ...obj(
      {
        amount: int,
        description: nstr,
        discount_amount: int,
        discount_amounts: arr(unmodelled()),
        id: s5k,
        invoice_line_item: s5k,
        livemode: bool,
        metadata: nullable(metadataField),
        object: oneOf(["credit_note_line_item"]),
        pretax_credit_amounts: arr(unmodelled()),
        quantity: nint,
        tax_rates: arr(ref("tax_rate")),
        taxes: nullable(arr(ref("tax"))),
        type: oneOf(["custom_line_item", "invoice_line_item"]),
        unit_amount: nint,
        unit_amount_decimal: nullable(decimal),
      },
      [
        "amount",
        "discount_amount",
        "discount_amounts",
        "id",
        "livemode",
        "object",
        "pretax_credit_amounts",
        "tax_rates",
        "type",
      ]
    ),
  },
  customer: {
    pointer: schema("customer"),
    ...obj(
      {
        address: nullable(ref("address")),
        balance: int,
        business_name: str(150),
        cash_balance: nullable(unmodelled()),
        created: unixTime,
        currency: nstr,
        customer_account: nstr,
        default_source: nullable(unmodelled()),
        delinquent: nullable(bool),
        description: nstr,
        discount: nullable(unmodelled()),
        email: nstr,
        id: s5k,
        individual_name: str(150),
        invoice_credit_balance: map(int),
        invoice_prefix: nstr,
        invoice_settings: ref("invoice_setting_customer_setting"),
        livemode: bool,
        metadata: metadataField,
        name: nstr,
        next_invoice_sequence: int,
        object: oneOf(["customer"]),
        phone: nstr,
        preferred_locales: nullable(arr(s5k)),
        // #/components/schemas/shipping: the sandbox stores what it was sent and the hub never sends it.
        shipping: nullable({ type: "object", opaque: true }),
        sources: unmodelled(),
        subscriptions: unmodelled(),
        tax: unmodelled(),
        tax_exempt: nullable(oneOf(["exempt", "none", "reverse"])),
        tax_ids: unmodelled(),
        test_clock: nullable(expandable()),
      },
      ["created", "id", "livemode", "object"]
    ),
  },
  deleted_invoice: {
    pointer: schema("deleted_invoice"),
    ...obj({ deleted: { type: "boolean", enum: [true] }, id: s5k, object: oneOf(["invoice"]) }, [
      "deleted",
      "id",
      "object",
    ]),
  },
  error: { pointer: schema("error"), ...obj({ error: ref("api_errors") }, ["error"]) },
  event: {
    pointer: schema("event"),
    ...obj(
      {
        account: s5k,
        api_version: nstr,
        context: s5k,
        created: unixTime,
        // notification_event_data: `object` is any object in the document; the
        // validator also checks it against the object the event type names.
        data: obj(
          {
            object: { type: "object", additionalProperties: true },
            previous_attributes: { type: "object", additionalProperties: true },
          },
          ["object"]
        ),
        id: s5k,
        livemode: bool,
        object: oneOf(["event"]),
        pending_webhooks: int,
        request: nullable(obj({ id: nstr, idempotency_key: nstr })),
        type: s5k,
      },
      ["created", "data", "id", "livemode", "object", "pending_webhooks", "type"]
    ),
  },
  invoice: {
    pointer: schema("invoice"),
    ...obj(
      {
        account_country: nstr,
        account_name: nstr,
        account_tax_ids: nullable(arr(unmodelled())),
        amount_due: int,
        amount_overpaid: int,
        amount_paid: int,
        amount_paid_off_stripe: int,
        amount_remaining: int,
        amount_shipping: int,
        application: nullable(unmodelled()),
        attempt_count: int,
        attempted: bool,
        auto_advance: bool,
        automatic_tax: ref("automatic_tax"),
        automatically_finalizes_at: nullable(unixTime),
        billing_reason: nullable(
          oneOf([
            "automatic_pending_invoice_item_invoice",
            "manual",
            "quote_accept",
            "subscription",
            "subscription_create",
            "subscription_cycle",
            "subscription_threshold",
            "subscription_update",
            "upcoming",
          ])
        ),
        collection_method: oneOf(["charge_automatically", "send_invoice"]),
        confirmation_secret: nullable(unmodelled()),
        created: unixTime,
        currency,
        custom_fields: nullable(arr(ref("invoice_setting_custom_field"))),
        customer: expandable(),
        customer_account: nstr,
        customer_address: nullable(ref("address")),
        customer_email: nstr,
        customer_name: nstr,
        customer_phone: nstr,
        customer_shipping: nullable({ type: "object", opaque: true }),
        customer_tax_exempt: nullable(oneOf(["exempt", "none", "reverse"])),
        customer_tax_ids: nullable(arr(unmodelled())),
        default_payment_method: nullable(unmodelled()),
        default_source: nullable(unmodelled()),
        default_tax_rates: arr(ref("tax_rate")),
        description: nstr,
        discounts: arr(unmodelled()),
        due_date: nullable(unixTime),
        effective_at: nullable(unixTime),
        ending_balance: nint,
        footer: nstr,
        from_invoice: nullable(unmodelled()),
        hosted_invoice_url: nstr,
        id: s5k,
        invoice_pdf: nstr,
        issuer: ref("connect_account_reference"),
        last_finalization_error: nullable(unmodelled()),
        latest_revision: nullable(unmodelled()),
        lines: list(ref("line_item")),
        livemode: bool,
        metadata: nullable(metadataField),
        next_payment_attempt: nullable(unixTime),
        number: nstr,
        object: oneOf(["invoice"]),
        on_behalf_of: nullable(unmodelled()),
        parent: nullable(unmodelled()),
        payment_settings: ref("invoices_payment_settings"),
        payments: unmodelled(),
        period_end: unixTime,
        period_start: unixTime,
        post_payment_credit_notes_amount: int,
        pre_payment_credit_notes_amount: int,
        receipt_number: nstr,
        rendering: nullable(unmodelled()),
        shipping_cost: nullable(unmodelled()),
        shipping_details: nullable(unmodelled()),
        starting_balance: int,
        statement_descriptor: nstr,
        status: nullable(openEnum(["draft", "open", "paid", "uncollectible", "void"])),
        status_details: unmodelled(),
        status_transitions: ref("invoices_resource_status_transitions"),
        subtotal: int,
        subtotal_excluding_tax: nint,
        test_clock: nullable(expandable()),
        threshold_reason: unmodelled(),
        total: int,
        total_discount_amounts: nullable(arr(unmodelled())),
        total_excluding_tax: nint,
        total_pretax_credit_amounts: nullable(arr(unmodelled())),
        total_taxes: nullable(arr(ref("tax"))),
        webhooks_delivered_at: nullable(unixTime),
      },
      [
        "amount_due",
        "amount_overpaid",
        "amount_paid",
        "amount_paid_off_stripe",
        "amount_remaining",
        "amount_shipping",
        "attempt_count",
        "attempted",
        "auto_advance",
        "automatic_tax",
        "collection_method",
        "created",
        "currency",
        "customer",
        "default_tax_rates",
        "discounts",
        "id",
        "issuer",
        "lines",
        "livemode",
        "object",
        "payment_settings",
        "period_end",
        "period_start",
        "post_payment_credit_notes_amount",
        "pre_payment_credit_notes_amount",
        "starting_balance",
        "status_transitions",
        "subtotal",
        "total",
      ]
    ),
  },
  invoice_line_item_period: {
    pointer: schema("invoice_line_item_period"),
    ...obj({ end: unixTime, start: unixTime }, ["end", "start"]),
  },
  invoice_setting_custom_field: {
    pointer: schema("invoice_setting_custom_field"),
    ...obj({ name: s5k, value: s5k }, ["name", "value"]),
  },
  invoice_setting_customer_setting: {
    pointer: schema("invoice_setting_customer_setting"),
    ...obj({
      custom_fields: nullable(arr(ref("invoice_setting_custom_field"))),
      default_payment_method: nullable(expandable()),
      footer: nstr,
      rendering_options: nullable(obj({ amount_tax_display: nstr, template: nstr })),
    }),
  },
  invoices_payment_settings: {
    pointer: schema("invoices_payment_settings"),
    ...obj({
      default_mandate: nstr,
      payment_method_options: nullable(unmodelled()),
      payment_method_types: nullable(arr(str(undefined, { open: true }))),
    }),
  },
  invoices_resource_status_transitions: {
    pointer: schema("invoices_resource_status_transitions"),
    ...obj({
      finalized_at: nullable(unixTime),
      marked_uncollectible_at: nullable(unixTime),
      paid_at: nullable(unixTime),
      voided_at: nullable(unixTime),
    }),
  },
  line_item: {
    pointer: schema("line_item"),
    ...obj(
      {
        amount: int,
        currency,
        description: nstr,
        discount_amounts: nullable(arr(unmodelled())),
        discountable: bool,
        discounts: arr(unmodelled()),
        id: s5k,
        invoice: nstr,
        livemode: bool,
        metadata: metadataField,
        object: oneOf(["line_item"]),
        parent: nullable(ref("line_item_parent")),
        period: ref("invoice_line_item_period"),
        pretax_credit_amounts: nullable(arr(unmodelled())),
        pricing: nullable(ref("pricing")),
        quantity: nint,
        quantity_decimal: nullable(decimal),
        subscription: nullable(unmodelled()),
        subtotal: int,
        taxes: nullable(arr(ref("tax"))),
      },
      ["amount", "currency", "discountable", "discounts", "id", "livemode", "metadata", "object", "period", "subtotal"]
    ),
  },
  line_item_invoice_item_parent: {
    pointer: schema("billing_bill_resource_invoicing_lines_parents_invoice_line_item_invoice_item_parent"),
    ...obj(
      {
        invoice_item: s5k,
        proration: bool,
        // billing_bill_resource_invoicing_lines_common_proration_details
        proration_details: nullable(obj({ credited_items: nullable(unmodelled()) })),
        subscription: nstr,
      },
      ["invoice_item", "proration"]
    ),
  },
  line_item_parent: {
    pointer: schema("billing_bill_resource_invoicing_lines_parents_invoice_line_item_parent"),
    ...obj(
      {
        invoice_item_details: nullable(ref("line_item_invoice_item_parent")),
        subscription_item_details: nullable(unmodelled()),
        type: openEnum(["invoice_item_details", "subscription_item_details"]),
      },
      ["type"]
    ),
  },
  pricing: {
    pointer: schema("billing_bill_resource_invoicing_pricing_pricing"),
    ...obj(
      {
        price_details: ref("pricing_price_details"),
        type: openEnum(["price_details"]),
        unit_amount_decimal: nullable(decimal),
      },
      ["type"]
    ),
  },
  pricing_price_details: {
    pointer: schema("billing_bill_resource_invoicing_pricing_pricing_price_details"),
    ...obj({ price: expandable(), product: s5k }, ["price", "product"]),
  },
  tax: {
    pointer: schema("billing_bill_resource_invoicing_taxes_tax"),
    ...obj(
      {
        amount: int,
        tax_behavior: oneOf(["exclusive", "inclusive"]),
        // billing_bill_resource_invoicing_taxes_tax_rate_details
        tax_rate_details: nullable(obj({ tax_rate: expandable() }, ["tax_rate"])),
        taxability_reason: openEnum(["not_available", ...TAXABILITY_REASONS]),
        taxable_amount: nint,
        type: oneOf(["tax_rate_details"]),
      },
      ["amount", "tax_behavior", "taxability_reason", "type"]
    ),
  },
  tax_rate: {
    pointer: schema("tax_rate"),
    ...obj(
      {
        active: bool,
        country: nstr,
        created: unixTime,
        description: nstr,
        display_name: s5k,
        effective_percentage: nullable(num),
        flat_amount: nullable(unmodelled()),
        id: s5k,
        inclusive: bool,
        jurisdiction: nstr,
        jurisdiction_level: nullable(oneOf(["city", "country", "county", "district", "multiple", "state"])),
        livemode: bool,
        metadata: nullable(metadataField),
        object: oneOf(["tax_rate"]),
        percentage: num,
        rate_type: nullable(oneOf(["flat_amount", "percentage"])),
        state: nstr,
        tax_type: nullable(openEnum(TAX_RATE_TYPES)),
      },
      ["active", "created", "display_name", "id", "inclusive", "livemode", "object", "percentage"]
    ),
  },
}

/** Which object an event's `data.object` is, by the event type's prefix. */
export function eventObjectName(type: string): ObjectName | undefined {
  const prefix = type.slice(0, type.lastIndexOf("."))
  if (prefix === "invoice") return "invoice"
  if (prefix === "credit_note") return "credit_note"
  if (prefix === "customer") return "customer"
  return undefined
}

export function findEndpoint(method: string, path: string): EndpointContract | undefined {
  return ENDPOINTS.find((e) => e.method === method && e.path === path)
}
