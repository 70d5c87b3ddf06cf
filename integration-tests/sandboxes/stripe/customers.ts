import type { Handler } from "./context"
import { noSuch } from "./errors"
import type { FormObject } from "./form"
import { newId } from "./ids"
import { paginate } from "./list"
import { mergeMetadata, type Params } from "./params"
import { changedFields, snapshot, type Store } from "./store"
import type { CustomerObject, CustomField } from "./types"

export function findCustomer(store: Store, id: string, param = "id"): CustomerObject {
  const customer = store.customers.get(id)
  if (!customer) throw noSuch("customer", id, param)
  return customer
}

export const createCustomer: Handler = (ctx, params) => {
  const id = newId("cus")
  const customer: CustomerObject = {
    id,
    object: "customer",
    address: null,
    balance: 0,
    created: ctx.store.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  }
  applyCustomerParams(customer, params)
  ctx.store.customers.set(id, customer)
  ctx.emit("customer.created", customer)
  return customer
}

export const retrieveCustomer: Handler = (ctx, _params, [id]) => findCustomer(ctx.store, id)

export const updateCustomer: Handler = (ctx, params, [id]) => {
  const customer = findCustomer(ctx.store, id)
  // Apply to a copy first so a bad parameter leaves the stored customer untouched.
  const next = snapshot(customer)
  applyCustomerParams(next, params)
  const previous = changedFields(customer, next)
  Object.assign(customer, next)
  ctx.emit("customer.updated", customer, previous)
  return customer
}

export const listCustomers: Handler = (ctx, params) => {
  const email = params.string("email")
  const newestFirst = [...ctx.store.customers.values()].reverse()
  const matching = email === undefined ? newestFirst : newestFirst.filter((c) => c.email === email)
  return paginate(matching, params, "/v1/customers", "customer")
}

function applyCustomerParams(customer: CustomerObject, params: Params): void {
  const text = (key: "name" | "email" | "description" | "phone") => {
    const v = params.string(key)
    if (v !== undefined) customer[key] = v === "" ? null : v
  }
  text("name")
  text("email")
  text("description")
  text("phone")
  const businessName = params.string("business_name")
  if (businessName !== undefined) customer.business_name = businessName
  const address = params.object("address")
  if (address || params.data.address === "") customer.address = address ? (address.data as FormObject) : null
  const shipping = params.object("shipping")
  if (shipping || params.data.shipping === "") customer.shipping = shipping ? (shipping.data as FormObject) : null
  const prefix = params.string("invoice_prefix")
  if (prefix) customer.invoice_prefix = prefix
  const taxExempt = params.oneOf("tax_exempt", ["none", "exempt", "reverse"] as const)
  if (taxExempt) customer.tax_exempt = taxExempt
  const balance = params.int("balance")
  if (balance !== undefined) customer.balance = balance
  const locales = params.data.preferred_locales
  if (Array.isArray(locales)) customer.preferred_locales = locales.filter((l): l is string => typeof l === "string")
  const settings = params.object("invoice_settings")
  if (settings) {
    const footer = settings.string("footer")
    if (footer !== undefined) customer.invoice_settings.footer = footer || null
    const fields = settings.objectArray("custom_fields")
    if (fields) customer.invoice_settings.custom_fields = fields.length ? fields.map(readCustomField) : null
  }
  customer.metadata = mergeMetadata(customer.metadata, params.metadata())
}

export function readCustomField(field: Params): CustomField {
  return { name: field.requiredString("name"), value: field.requiredString("value") }
}
