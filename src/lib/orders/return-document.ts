import { documentLineMoney, type OrderDocumentMoney } from "./document-line-money"
import type { MedusaMoneyOrder, MoneyLine } from "./order-money"
import { returnedMoney, type ReturnedUnits } from "./return-money"

/**
 * A received return as the hub hands it to ERPs and partners (inside the order document and in
 * `order.returned`): per order line the units taken back — received, or received damaged, as
 * Medusa counts them off the line — and what they are worth in the order money model
 * (return-money.ts). The parts add up: total = Σ line totals, tax = Σ line taxes.
 */
export type ReturnDocumentLine = OrderDocumentMoney & {
  line_id: string
  sku: string | null
  title: string
  quantity: number
}

export type ReturnDocument = {
  id: string
  display_id: number | null
  status: string
  received_at: string
  lines: ReturnDocumentLine[]
  subtotal_minor: string
  discount_minor: string
  discount_tax_minor: string
  tax_minor: string
  total_minor: string
}

/** The return fields the document reads (query.graph, entity "return"). */
export const RETURN_FIELDS_FOR_DOCUMENT = [
  "id",
  "display_id",
  "status",
  "created_at",
  "received_at",
  "items.item_id",
  "items.received_quantity",
  "items.damaged_quantity",
]

/** A return as Query returns it with RETURN_FIELDS_FOR_DOCUMENT. */
export type ReturnForDocument = {
  id: string
  display_id?: unknown
  status: string
  created_at: Date | string
  received_at?: Date | string | null
  items?: ({ item_id: string; received_quantity?: unknown; damaged_quantity?: unknown } | null)[] | null
}

/** Medusa quantities arrive as numbers, numeric strings or `{ value }` records. */
function count(value: unknown): number {
  const raw =
    value !== null && typeof value === "object" && "value" in value ? (value as { value: unknown }).value : value
  const n = Number(raw ?? 0)
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Not a whole quantity: ${String(raw)}`)
  return n
}

/** Units the return took off each line (Medusa's return_received + return_dismissed), lines merged. */
export function returnedUnits(ret: ReturnForDocument): ReturnedUnits[] {
  const units = new Map<string, number>()
  for (const item of ret.items ?? []) {
    if (!item) continue
    const n = count(item.received_quantity) + count(item.damaged_quantity)
    if (n > 0) units.set(item.item_id, (units.get(item.item_id) ?? 0) + n)
  }
  return [...units].map(([line_id, quantity]) => ({ line_id, quantity }))
}

const minor = (lines: MoneyLine[], pick: (l: MoneyLine) => bigint) => lines.reduce((s, l) => s + pick(l), 0n).toString()

function lineDocument(line: MoneyLine, currency: string): ReturnDocumentLine {
  return {
    line_id: line.id,
    sku: line.sku,
    title: line.title,
    quantity: line.quantity,
    ...documentLineMoney(line, currency),
  }
}

const time = (value: Date | string | null | undefined) => (value ? new Date(value).getTime() : 0)

/**
 * The order's returns that took units back, oldest received first. `order` needs
 * ORDER_MONEY_FIELDS and RETURN_MONEY_FIELDS.
 */
export function toReturnDocuments(order: MedusaMoneyOrder, returns: ReturnForDocument[]): ReturnDocument[] {
  const currency = String(order.currency_code)
  return returns
    .map((ret) => ({ ret, units: returnedUnits(ret) }))
    .filter(({ units }) => units.length > 0)
    .sort(
      (a, b) =>
        time(a.ret.received_at ?? a.ret.created_at) - time(b.ret.received_at ?? b.ret.created_at) ||
        (a.ret.id < b.ret.id ? -1 : 1)
    )
    .map(({ ret, units }): ReturnDocument => {
      const lines = returnedMoney(order, units)
      return {
        id: ret.id,
        display_id: ret.display_id === undefined || ret.display_id === null ? null : Number(ret.display_id),
        status: ret.status,
        received_at: new Date(ret.received_at ?? ret.created_at).toISOString(),
        lines: lines.map((l) => lineDocument(l, currency)),
        subtotal_minor: minor(lines, (l) => l.subtotal_minor),
        discount_minor: minor(lines, (l) => l.discount_minor),
        discount_tax_minor: minor(lines, (l) => l.discount_tax_minor),
        tax_minor: minor(lines, (l) => l.tax_minor),
        total_minor: minor(lines, (l) => l.total_minor),
      }
    })
}
