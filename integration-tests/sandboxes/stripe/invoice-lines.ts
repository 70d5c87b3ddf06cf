import type { Handler } from "./context"
import { checkAmountStep } from "./currency-rules"
import { decimalFromInt, divideToDecimal, formatDecimal, multiplyToMinor, type Decimal } from "./decimal"
import { badRequest, invalidParam, missingParam, notEditable } from "./errors"
import { newId } from "./ids"
import { commitInvoice, findInvoice } from "./invoices"
import { paginate } from "./list"
import { mergeMetadata, type Params } from "./params"
import { changedFields, snapshot } from "./store"
import { readLineTaxAmounts, refuseTaxRates, type PendingTax } from "./tax-amounts"
import { bindTaxes } from "./tax-rates"
import type { LineObject } from "./types"

/** Stripe's cap on invoice items per invoice. */
export const MAX_LINES_PER_INVOICE = 250

/** "You may only specify one of these parameters" — Stripe's wording for mutually exclusive params. */
function exclusive(line: Params, a: string, b: string): void {
  if (line.has(a) && line.has(b)) {
    throw invalidParam(line.name(a), `You may only specify one of these parameters: ${line.name(a)}, ${line.name(b)}.`)
  }
}

function readQuantity(line: Params): Decimal {
  exclusive(line, "quantity", "quantity_decimal")
  const q = line.int("quantity", { min: 0 })
  if (q !== undefined) return decimalFromInt(q)
  const qd = line.decimal("quantity_decimal")
  if (qd && qd.digits < 0n) throw invalidParam(line.name("quantity_decimal"), "quantity_decimal must be non-negative.")
  return qd ?? decimalFromInt(1)
}

/** A validated line and its tax amounts, which get their TaxRates once the whole request is valid. */
interface BuiltLine {
  line: LineObject
  taxes: PendingTax[]
}

/** Builds one line from `lines[i]`; throws before anything is stored. */
function buildLine(line: Params, invoiceId: string, currency: string, now: number): BuiltLine {
  for (const key of ["discounts", "invoice_item", "pricing"]) {
    if (line.data[key] !== undefined && line.data[key] !== "") {
      throw badRequest(
        `The Stripe sandbox does not model \`${line.name(key)}\`.`,
        "sandbox_unsupported",
        line.name(key)
      )
    }
  }
  const taxes = readLineTaxAmounts(line, currency)
  refuseTaxRates(line)
  exclusive(line, "amount", "price_data")
  const quantity = readQuantity(line)
  let amount: bigint
  let unit: Decimal
  let product: string
  let amountParam = line.name("amount")
  const oneOff = line.int("amount")
  if (oneOff !== undefined) {
    // A one-off line: `amount` is the whole line (may be negative: discounts, credits).
    amount = BigInt(oneOff)
    unit = divideToDecimal(amount, quantity)
    product = newId("prod")
  } else {
    const price = line.object("price_data")
    if (!price) throw missingParam(line.name("amount"))
    const lineCurrency = price.requiredString("currency").toLowerCase()
    if (lineCurrency !== currency) {
      throw invalidParam(
        price.name("currency"),
        `The price's currency (${lineCurrency}) must match the invoice's currency (${currency}).`
      )
    }
    exclusive(price, "product", "product_data")
    const productData = price.object("product_data")
    if (productData) {
      productData.requiredString("name")
    }
    const productId = price.string("product")
    if (!productId && !productData) throw missingParam(price.name("product_data"))
    product = productId ?? newId("prod")
    exclusive(price, "unit_amount", "unit_amount_decimal")
    const unitInt = price.int("unit_amount", { min: 0 })
    const unitDecimal = price.decimal("unit_amount_decimal")
    if (unitDecimal && unitDecimal.digits < 0n) {
      throw invalidParam(price.name("unit_amount_decimal"), "unit_amount_decimal must be non-negative.")
    }
    if (unitInt === undefined && !unitDecimal) throw missingParam(price.name("unit_amount"))
    unit = unitDecimal ?? decimalFromInt(unitInt as number)
    amount = multiplyToMinor(quantity, unit)
    amountParam = price.name(unitDecimal ? "unit_amount_decimal" : "unit_amount")
  }
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || -amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidParam(line.name("amount"), "Line amount is too large.", "amount_too_large")
  }
  // The line amount is what gets charged: Stripe's currency precision applies to
  // it (three-decimal: last digit 0; ISK/UGX: whole units, i.e. multiples of
  // 100). The unit price itself is not checked — only quantity × unit is charged.
  checkAmountStep(currency, Number(amount), amountParam, "line amount")
  const period = line.object("period")
  const id = newId("il")
  const built: LineObject = {
    id,
    object: "line_item",
    amount: Number(amount),
    currency,
    description: line.string("description") ?? null,
    discount_amounts: [],
    discountable: line.bool("discountable") ?? amount >= 0n,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: mergeMetadata({}, line.metadata()),
    parent: {
      type: "invoice_item_details",
      invoice_item_details: {
        invoice_item: newId("ii"),
        proration: false,
        proration_details: { credited_items: null },
        subscription: null,
      },
      subscription_item_details: null,
    },
    period: {
      start: period?.int("start", { required: true }) ?? now,
      end: period?.int("end", { required: true }) ?? now,
    },
    pretax_credit_amounts: [],
    pricing: {
      type: "price_details",
      price_details: { price: newId("price"), product },
      unit_amount_decimal: formatDecimal(unit),
    },
    // Stripe truncates the integer view of a decimal quantity.
    quantity: Number(quantity.digits / 10n ** BigInt(quantity.scale)),
    quantity_decimal: formatDecimal(quantity),
    subscription: null,
    subtotal: Number(amount),
    taxes: [],
  }
  return { line: built, taxes }
}

export const addLines: Handler = (ctx, params, [id]) => {
  const record = findInvoice(ctx.store, id)
  if (record.invoice.status !== "draft") {
    throw notEditable(`You can only add lines to draft invoices; invoice ${id} is ${record.invoice.status}.`)
  }
  const lines = params.objectArray("lines", true) ?? []
  if (lines.length === 0) throw missingParam("lines")
  if (record.lines.length + lines.length > MAX_LINES_PER_INVOICE) {
    throw invalidParam(
      "lines",
      `Invoices can have at most ${MAX_LINES_PER_INVOICE} line items; invoice ${id} has ${record.lines.length} and this request adds ${lines.length}.`
    )
  }
  const now = ctx.store.now()
  // Build (and validate) every line before storing any: the call is all-or-nothing.
  const built = lines.map((line) => buildLine(line, id, record.invoice.currency, now))
  const metadata = mergeMetadata(record.invoice.metadata, params.metadata("invoice_metadata"))
  const before = snapshot(record.invoice)
  for (const b of built) b.line.taxes = bindTaxes(ctx.store, b.taxes)
  record.lines.push(...built.map((b) => b.line))
  record.invoice.metadata = metadata
  const rendered = commitInvoice(ctx, record)
  ctx.emit("invoice.updated", rendered, changedFields(before, record.invoice))
  return rendered
}

export const listLines: Handler = (ctx, params, [id]) => {
  const record = findInvoice(ctx.store, id)
  return paginate(record.lines, params, `/v1/invoices/${id}/lines`, "line item")
}
