/**
 * What the ERP sandbox holds, keyed the way each real API keys it: NetSuite records by external
 * id (`eid:`), Business Central documents by GUID with an index on externalDocumentNumber (BC
 * allows duplicates, so a double create shows up as two records), generic records by our id.
 */

export type SandboxKind = "netsuite" | "business-central" | "generic"

export interface StoredLine {
  sku: string
  quantity: number
  /** Decimal text of the unit price as the client sent it (JSON number → string). */
  unitPrice?: string
  /** Line amount (NetSuite) or discount (BC) as decimal text, when sent. */
  amount?: string
  discount?: string
  /** Tax code (BC `taxCode`) and tax amount (generic `tax`) as sent. */
  taxCode?: string
  tax?: string
  description?: string
  lineId?: string
  /** Vendor line key: NetSuite `line`, BC `sequence`. */
  key: number
  /** Vendor line id (BC GUID) when there is one. */
  erpLineId?: string
  closed?: boolean
  lineType?: string
  /** Per-line ETag version (BC). */
  version?: number
  shipQuantity?: number
}

export interface StoredOrder {
  kind: SandboxKind
  /** Our order id: NetSuite externalId, BC externalDocumentNumber, generic path id. */
  externalId: string
  /** The ERP's own id: NetSuite internal id, BC GUID, generic "SO-…". */
  erpId: string
  /** Document number (BC `number`). */
  number?: string
  /** Header fields as last received (lines excluded). */
  fields: Record<string, unknown>
  lines: StoredLine[]
  status: "open" | "cancelled"
  /** Body of the last write, byte for byte. */
  raw: string
  version: number
  createdAt: string
  updatedAt: string
}

export interface StoredCustomer {
  kind: SandboxKind
  /** NetSuite externalId / BC number / generic path id. */
  key: string
  erpId: string
  fields: Record<string, unknown>
  raw: string
  version: number
}

export interface StoredFulfillment {
  kind: SandboxKind
  /** Our fulfillment id (NetSuite externalId, generic path id); BC: the order's external id. */
  externalId: string
  erpId: string
  orderId: string
  lines: Array<{ sku: string; quantity: number; orderLine?: number }>
  raw: string
  createdAt: string
  /** Set when the hub withdrew the request (NetSuite DELETE, generic cancel). */
  cancelledAt?: string
}

export interface StoredShipment {
  kind: SandboxKind
  erpId: string
  orderId: string
  trackingNumbers: string[]
  carrier?: string
  shippedAt: string
  lines: Array<{ sku: string; quantity: number; lineId?: string }>
}

interface Counts {
  upserts: number
  creates: number
}

export class ErpStore {
  readonly orders = new Map<string, StoredOrder>()
  /**
   * Credit memos (NetSuite creditMemo, BC salesCreditMemo), keyed like orders by (kind, erp id);
   * `externalId` is our return id. Their writes are counted under it (`upsertCount`, `createCount`).
   */
  readonly creditMemos = new Map<string, StoredOrder>()
  readonly customers = new Map<string, StoredCustomer>()
  readonly fulfillments = new Map<string, StoredFulfillment>()
  readonly shipments: StoredShipment[] = []
  private readonly counts = new Map<string, Counts>()
  /** (kind, external id) → erp ids, so lookups stay O(1) under benchmark load. */
  private readonly byExternalId = new Map<string, string[]>()
  private sequence = 1000

  /** Orders by (kind, erp id); BC may hold several records with one externalDocumentNumber. */
  static orderKey(kind: SandboxKind, erpId: string): string {
    return `${kind}|${erpId}`
  }

  nextNumber(): number {
    this.sequence += 1
    return this.sequence
  }

  findOrders(kind: SandboxKind, externalId: string): StoredOrder[] {
    const ids = this.byExternalId.get(`${kind}|${externalId}`) ?? []
    return ids
      .map((id) => this.orders.get(ErpStore.orderKey(kind, id)))
      .filter((o): o is StoredOrder => o !== undefined)
  }

  findOrder(kind: SandboxKind, externalId: string): StoredOrder | undefined {
    return this.findOrders(kind, externalId)[0]
  }

  orderByErpId(kind: SandboxKind, erpId: string): StoredOrder | undefined {
    return this.orders.get(ErpStore.orderKey(kind, erpId))
  }

  putOrder(order: StoredOrder): void {
    const key = ErpStore.orderKey(order.kind, order.erpId)
    if (!this.orders.has(key)) {
      const indexKey = `${order.kind}|${order.externalId}`
      this.byExternalId.set(indexKey, [...(this.byExternalId.get(indexKey) ?? []), order.erpId])
    }
    this.orders.set(key, order)
  }

  /** Every credit memo with this external id (BC allows several). */
  findCreditMemos(kind: SandboxKind, externalId: string): StoredOrder[] {
    return [...this.creditMemos.values()].filter((m) => m.kind === kind && m.externalId === externalId)
  }

  putCreditMemo(memo: StoredOrder): void {
    this.creditMemos.set(ErpStore.orderKey(memo.kind, memo.erpId), memo)
  }

  countWrite(kind: SandboxKind, externalId: string, created: boolean): void {
    const key = `${kind}|${externalId}`
    const c = this.counts.get(key) ?? { upserts: 0, creates: 0 }
    c.upserts += 1
    if (created) c.creates += 1
    this.counts.set(key, c)
  }

  /** Writes (creates + updates) to an order, over all kinds unless one is given. */
  upsertCount(externalId: string, kind?: SandboxKind): number {
    return this.sumCounts(externalId, kind, "upserts")
  }

  createCount(externalId: string, kind?: SandboxKind): number {
    return this.sumCounts(externalId, kind, "creates")
  }

  private sumCounts(externalId: string, kind: SandboxKind | undefined, field: keyof Counts): number {
    let total = 0
    for (const [key, c] of this.counts) {
      const [k, id] = key.split("|") as [SandboxKind, string]
      if (id === externalId && (!kind || k === kind)) total += c[field]
    }
    return total
  }

  clear(): void {
    this.orders.clear()
    this.creditMemos.clear()
    this.customers.clear()
    this.fulfillments.clear()
    this.shipments.length = 0
    this.counts.clear()
    this.byExternalId.clear()
  }
}

/** JSON number or string → decimal text (`19.99`, `1234.5`). */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === "number" || typeof value === "string") return String(value)
  return undefined
}

export const nowIso = (): string => new Date().toISOString()

/** Deep copy for values handed to tests, so they cannot mutate the store. */
export function snapshot<T>(value: T): T {
  return structuredClone(value)
}
