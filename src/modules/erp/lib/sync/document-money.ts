import { toMajorString } from "../../../../lib/money"
import type { OrderDocument, OrderDocumentLine, OrderDocumentMoney } from "../../../../lib/orders/order-document"

/**
 * The order document's money in the current version's shape, also for a
 * document published before 2026-12-05 that is still in the feed (a delivery
 * retried across the upgrade pushes the order's last published document).
 *
 * Such a document (2026-11-01) had per line only unit price, subtotal,
 * discount, tax and total, and `shipping_minor` was shipping BEFORE its
 * discount. What it did state exactly is each line's total and tax and the
 * order's total and tax, so: a line's net = total − tax, and the shipping is
 * whatever the order's total and tax hold beyond the lines' (one shipping
 * line). The parts then add up to the document's total, as they do in a
 * current document.
 */
export type DocumentMoney = Pick<
  OrderDocument,
  | "lines"
  | "shipping_lines"
  | "shipping_minor"
  | "shipping_tax_minor"
  | "subtotal_minor"
  | "discount_minor"
  | "discount_tax_minor"
  | "tax_minor"
  | "credit_minor"
  | "total_minor"
  | "tax_inclusive"
>

/** What a 2026-11-01 document stated of a line's money (minor units; read with `big`). */
type LegacyLineMoney = { unit_price_minor?: unknown; tax_minor?: unknown; total_minor?: unknown }

/** A 2026-11-01 line: the current line's other fields, the old money. */
type LegacyLine = Omit<OrderDocumentLine, keyof OrderDocumentMoney> & LegacyLineMoney

/** What is read of a 2026-11-01 document. */
type LegacyDocument = {
  id: string
  currency_code: string
  lines?: LegacyLine[] | null
  tax_minor?: unknown
  total_minor?: unknown
}

const big = (v: unknown) => BigInt(String(v ?? "0"))

function legacyLine(l: LegacyLineMoney, currency: string): OrderDocumentMoney {
  const net = big(l.total_minor) - big(l.tax_minor)
  const unitMinor = big(l.unit_price_minor)
  return {
    unit_price: toMajorString(unitMinor, currency),
    unit_price_minor: unitMinor.toString(),
    tax_inclusive: false,
    tax_rate: "0",
    subtotal_minor: net.toString(),
    discount_minor: "0",
    discount_tax_minor: "0",
    net_minor: net.toString(),
    tax_minor: String(l.tax_minor ?? "0"),
    total_minor: String(l.total_minor ?? "0"),
  }
}

export function documentMoney(doc: OrderDocument): DocumentMoney {
  if (Array.isArray(doc.shipping_lines)) return doc
  // Typed as the current version, but published before it: read as the old shape.
  const legacy: LegacyDocument = doc
  const currency = String(legacy.currency_code)
  const lines = (legacy.lines ?? []).map((l) => ({ ...l, ...legacyLine(l, currency) }))
  const sum = (pick: (l: OrderDocumentMoney) => string) => lines.reduce((s, l) => s + big(pick(l)), 0n)
  const shipTotal = big(legacy.total_minor) - sum((l) => l.total_minor)
  const shipTax = big(legacy.tax_minor) - sum((l) => l.tax_minor)
  const shipNet = shipTotal - shipTax
  const shipping_lines =
    shipTotal === 0n && shipTax === 0n
      ? []
      : [
          {
            id: `${legacy.id}_shipping`,
            name: "Shipping",
            ...legacyLine({ total_minor: shipTotal, tax_minor: shipTax, unit_price_minor: shipNet }, currency),
          },
        ]
  return {
    tax_inclusive: false,
    lines,
    shipping_lines,
    shipping_minor: shipNet.toString(),
    shipping_tax_minor: shipTax.toString(),
    subtotal_minor: (sum((l) => l.net_minor) + shipNet).toString(),
    discount_minor: "0",
    discount_tax_minor: "0",
    tax_minor: String(legacy.tax_minor ?? "0"),
    credit_minor: "0",
    total_minor: String(legacy.total_minor ?? "0"),
  }
}
