/**
 * The shape of the contract in contract.ts: a small subset of OpenAPI 3 schema
 * semantics, enough for Stripe's form parameters and JSON objects.
 *
 * - Objects are closed: a key not in `properties` is an unknown parameter (or,
 *   in a response, a field Stripe does not have), unless `additionalProperties`
 *   types a map (metadata) or `opaque` says the contents are not contracted.
 * - `emptyable` is Stripe's `anyOf: [X, {enum: [""]}]`: "" unsets the parameter.
 * - `open` is `x-stripeBypassValidation`: the enum may grow, so it is listed
 *   but not enforced.
 * - `unmodelled` marks a response field the sandbox only ever returns as null
 *   or empty; its content is not contracted, so any other value is refused.
 */
export type ObjectName =
  | "address"
  | "api_errors"
  | "automatic_tax"
  | "connect_account_reference"
  | "credit_note"
  | "credit_note_line_item"
  | "customer"
  | "deleted_invoice"
  | "error"
  | "event"
  | "invoice"
  | "invoice_line_item_period"
  | "invoice_setting_custom_field"
  | "invoice_setting_customer_setting"
  | "invoices_payment_settings"
  | "invoices_resource_status_transitions"
  | "line_item"
  | "line_item_invoice_item_parent"
  | "line_item_parent"
  | "pricing"
  | "pricing_price_details"
  | "tax"
  | "tax_rate"

export interface Schema {
  type?: "string" | "integer" | "number" | "boolean" | "object" | "array"
  /** Another object of the contract (responses). */
  ref?: ObjectName
  anyOf?: readonly Schema[]
  nullable?: boolean
  emptyable?: boolean
  maxLength?: number
  enum?: readonly (string | boolean)[]
  open?: boolean
  format?: "decimal" | "unix-time" | "currency"
  properties?: Readonly<Record<string, Schema>>
  required?: readonly string[]
  /** A map's value type (metadata), or `true` for any content. */
  additionalProperties?: Schema | true
  opaque?: boolean
  items?: Schema
  unmodelled?: boolean
}

/** A method + path of the Stripe API the sandbox serves. */
export interface EndpointContract {
  method: "GET" | "POST" | "DELETE"
  /** OpenAPI path template, e.g. /v1/invoices/{invoice}/add_lines. */
  path: string
  /** Where the parameters come from in the document. */
  pointer: string
  /** Form body (POST) or query (GET/DELETE) parameters, as one closed object. */
  params: Schema
  /** 200 answer. */
  response: Schema
  /** The hub sends this request (src/); the others serve tests and the demo. */
  hub: boolean
}

/** A response object, with its place in the document. */
export type ObjectContract = Schema & { pointer: string }

// Builders: the contract reads like the document, one line per field.

export const str = (maxLength?: number, extra: Schema = {}): Schema => ({
  type: "string",
  ...(maxLength ? { maxLength } : {}),
  ...extra,
})
/** Stripe's usual free-text/id string: maxLength 5000. */
export const s5k: Schema = str(5000)
export const int: Schema = { type: "integer" }
export const num: Schema = { type: "number" }
export const bool: Schema = { type: "boolean" }
export const unixTime: Schema = { type: "integer", format: "unix-time" }
export const decimal: Schema = { type: "string", format: "decimal" }
export const currency: Schema = { type: "string", format: "currency" }

export const oneOf = (values: readonly string[], extra: Schema = {}): Schema => ({
  type: "string",
  enum: values,
  ...extra,
})
/** x-stripeBypassValidation: listed, not enforced. */
export const openEnum = (values: readonly string[], extra: Schema = {}): Schema => ({
  type: "string",
  enum: values,
  open: true,
  ...extra,
})

export const obj = (
  properties: Record<string, Schema>,
  required: readonly string[] = [],
  extra: Schema = {}
): Schema => ({
  type: "object",
  properties,
  required,
  ...extra,
})
export const arr = (items: Schema, extra: Schema = {}): Schema => ({ type: "array", items, ...extra })
export const map = (value: Schema, extra: Schema = {}): Schema => ({
  type: "object",
  additionalProperties: value,
  ...extra,
})
/** An object parameter whose contents the contract does not list (the hub never sends it). */
export const opaque = (extra: Schema = {}): Schema => ({ type: "object", opaque: true, ...extra })

export const emptyable = (schema: Schema): Schema => ({ ...schema, emptyable: true })
export const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true })
export const ref = (name: ObjectName, extra: Schema = {}): Schema => ({ ref: name, ...extra })
/** Response field the sandbox only returns as null / [] / {}. */
export const unmodelled = (extra: Schema = {}): Schema => ({ unmodelled: true, ...extra })
/** An expandable id: a string, or the expanded object (which the sandbox never returns). */
export const expandable = (extra: Schema = {}): Schema => ({ anyOf: [s5k, unmodelled({ type: "object" })], ...extra })

/** `created`-style filters: an integer or a {gt, gte, lt, lte} range (range_query_specs). */
export const rangeOrInt: Schema = { anyOf: [obj({ gt: int, gte: int, lt: int, lte: int }), int] }
/** Request metadata: a map of strings; "" for the whole field unsets it. */
export const metadataParam: Schema = emptyable(map(str()))
/** Response metadata (maxLength 500 per value). */
export const metadataField: Schema = map(str(500))
export const expandParam: Schema = arr(s5k)

/** A list envelope of `item` (`data`, `has_more`, `object: list`, `url`; all required). */
export const list = (item: Schema): Schema =>
  obj({ data: arr(item), has_more: bool, object: oneOf(["list"]), url: s5k }, ["data", "has_more", "object", "url"])

/** The usual pagination query of a list endpoint. */
export const pageQuery = { ending_before: s5k, expand: expandParam, limit: int, starting_after: s5k } as const
