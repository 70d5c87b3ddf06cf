import type { MoneyLine, MoneyTaxLine, OrderMoney } from "./order-money"

/**
 * The money model as JSON (bigints as decimal strings), for records that must
 * keep what they billed: an invoice stores the model it was issued from, so a
 * retry sends the same lines and a credit note knows what each line was
 * invoiced at, whatever happens to the order afterwards.
 */
export type OrderMoneyJson = ReturnType<typeof orderMoneyToJson>

const BIGINT_LINE_FIELDS = [
  "subtotal_minor",
  "discount_minor",
  "discount_tax_minor",
  "net_minor",
  "tax_minor",
  "total_minor",
  "gross_minor",
] as const
const BIGINT_ORDER_FIELDS = [
  "credit_minor",
  "subtotal_minor",
  "discount_minor",
  "discount_tax_minor",
  "net_minor",
  "tax_minor",
  "total_minor",
] as const

function lineToJson(line: MoneyLine) {
  const out: Record<string, unknown> = {
    ...line,
    tax_lines: line.tax_lines.map((t) => ({ ...t, amount_minor: t.amount_minor.toString() })),
  }
  for (const f of BIGINT_LINE_FIELDS) out[f] = line[f].toString()
  return out
}

export function orderMoneyToJson(money: OrderMoney) {
  const out: Record<string, unknown> = {
    ...money,
    items: money.items.map(lineToJson),
    shipping: money.shipping.map(lineToJson),
  }
  for (const f of BIGINT_ORDER_FIELDS) out[f] = money[f].toString()
  return out
}

/** A stored amount: a decimal string (older records may hold a number). */
type JsonMinor = string | number

/** A line as lineToJson wrote it. */
type LineJson = Record<string, unknown> & { tax_lines?: (Record<string, unknown> & { amount_minor: JsonMinor })[] }

function lineFromJson(raw: LineJson): MoneyLine {
  const line: Record<string, unknown> = {
    ...raw,
    tax_lines: (raw.tax_lines ?? []).map((t) => ({ ...t, amount_minor: BigInt(t.amount_minor) }) as MoneyTaxLine),
  }
  for (const f of BIGINT_LINE_FIELDS) line[f] = BigInt(raw[f] as JsonMinor)
  return line as MoneyLine
}

/** The model back from its JSON (an invoice's `money` column). */
export function orderMoneyFromJson(raw: Record<string, unknown>): OrderMoney {
  const json = raw as Record<string, unknown> & { items?: LineJson[]; shipping?: LineJson[] }
  const money: Record<string, unknown> = {
    ...raw,
    items: (json.items ?? []).map(lineFromJson),
    shipping: (json.shipping ?? []).map(lineFromJson),
  }
  for (const f of BIGINT_ORDER_FIELDS) money[f] = BigInt(raw[f] as JsonMinor)
  return money as OrderMoney
}
