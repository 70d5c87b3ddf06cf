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

function lineFromJson(raw: any): MoneyLine {
  const line = {
    ...raw,
    tax_lines: (raw.tax_lines ?? []).map((t: any): MoneyTaxLine => ({ ...t, amount_minor: BigInt(t.amount_minor) })),
  }
  for (const f of BIGINT_LINE_FIELDS) line[f] = BigInt(raw[f])
  return line as MoneyLine
}

export function orderMoneyFromJson(raw: any): OrderMoney {
  const money = { ...raw, items: (raw.items ?? []).map(lineFromJson), shipping: (raw.shipping ?? []).map(lineFromJson) }
  for (const f of BIGINT_ORDER_FIELDS) money[f] = BigInt(raw[f])
  return money as OrderMoney
}
