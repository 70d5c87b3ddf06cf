import type { CreditNoteObject, CustomerObject, InvoiceFields, InvoiceObject, LineObject, TaxRateObject } from "./types"

/** Per-invoice state Stripe keeps but does not return on the object. */
export interface InvoiceRecord {
  invoice: InvoiceFields
  lines: LineObject[]
  daysUntilDue: number | null
  creditNoteCount: number
}

/** Embedded `lines` list size on an invoice, as Stripe returns it. */
const EMBEDDED_LINES = 10

/** All sandbox data, in memory; Map insertion order = creation order. */
export class Store {
  readonly customers = new Map<string, CustomerObject>()
  readonly invoices = new Map<string, InvoiceRecord>()
  readonly creditNotes = new Map<string, CreditNoteObject>()
  /** TaxRates Stripe made from `tax_amounts[].tax_rate_data`, by id … */
  readonly taxRates = new Map<string, TaxRateObject>()
  /** … and by their data, so an exactly matching `tax_rate_data` reuses its TaxRate. */
  readonly taxRateIdsByData = new Map<string, string>()
  private invoiceSequence = 0

  constructor(private readonly clockMs: () => number) {}

  /** Unix seconds, Stripe's timestamp unit. */
  now(): number {
    return Math.floor(this.clockMs() / 1000)
  }

  nextInvoiceNumber(): string {
    this.invoiceSequence += 1
    return `SBX-${String(this.invoiceSequence).padStart(4, "0")}`
  }

  renderInvoice(record: InvoiceRecord): InvoiceObject {
    return {
      ...record.invoice,
      lines: {
        object: "list",
        data: record.lines.slice(0, EMBEDDED_LINES),
        // No total_count: Stripe's document (InvoiceLinesList) has data, has_more, object and url only.
        has_more: record.lines.length > EMBEDDED_LINES,
        url: `/v1/invoices/${record.invoice.id}/lines`,
      },
    }
  }
}

/** Deep copy for event snapshots and state dumps, so later mutations don't leak in. */
export const snapshot = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** Stripe's `previous_attributes`: old values of the top-level fields that changed. */
export function changedFields<T extends object>(before: T, after: T): Record<string, unknown> {
  const previous: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(before)) {
    if (JSON.stringify(value) !== JSON.stringify((after as Record<string, unknown>)[key])) previous[key] = value
  }
  return previous
}
