/**
 * Which salesOrder lines a write addresses, and how.
 *
 * The `item` sublist is keyed by `line`. With `replace=item`, request lines whose `line` matches
 * an existing line update it, existing lines the request leaves out are removed, and request
 * lines without a key are added (Oracle, "Replacing a Sublist", section_1545297048; "Use Case For
 * Updating Your Sales Order", section_159795512874, updates a line by its `line` number and adds
 * one by leaving the number out). NetSuite keeps a line that has been fulfilled or billed: it can
 * be closed (`isClosed`), not removed. So an update:
 *
 * - sends each of the order's lines with the `line` key of the NetSuite line carrying its line id
 *   (open or fulfilled alike: its quantity and amount change in place, its item stays);
 * - sends lines NetSuite does not have yet without a key (added);
 * - leaves out NetSuite lines the order no longer has and nothing has happened to (removed);
 * - keeps, closed, NetSuite lines the order no longer has but that were fulfilled or billed.
 *
 * A transform to an item fulfillment starts from every line NetSuite can still fulfil, at the
 * quantity left (the UI's "Fulfill" pre-fill). The request therefore names every such line:
 * the requested ones with `itemReceive: true` and their quantity, the others with
 * `itemReceive: false` (Oracle, "Use Case For Fulfilling Your Sales Order", section_159795518068:
 * `orderLine` + `quantity` ships part of a line, `"itemreceive": false` leaves a line unfulfilled).
 *
 * @module
 */
import type { NetSuiteOrderLine } from "./mapping"

type Body = Record<string, unknown>

const quantityOf = (value: unknown): number => (typeof value === "number" ? value : Number(value ?? 0) || 0)

/** Fulfilled or billed, so NetSuite will not remove it. */
export function hasActivity(line: NetSuiteOrderLine): boolean {
  return quantityOf(line.quantityFulfilled) > 0 || quantityOf(line.quantityBilled) > 0
}

/** Open and not yet fulfilled in full: what a transform pre-fills. */
export function isFulfillable(line: NetSuiteOrderLine): boolean {
  return line.isClosed !== true && quantityOf(line.quantity) - quantityOf(line.quantityFulfilled) > 0
}

/**
 * The `item.items` of an update (`replace=item`): `wanted` are the order's lines as mapped (each
 * with its line id in `lineIdField`), `current` the lines NetSuite holds.
 */
export function keyedItemLines(wanted: Body[], current: NetSuiteOrderLine[], lineIdField: string): Body[] {
  const byLineId = new Map<string, NetSuiteOrderLine>()
  for (const line of current) {
    const id = line[lineIdField]
    if (typeof id === "string" && line.line !== undefined && !byLineId.has(id)) byLineId.set(id, line)
  }
  const matched = new Set<NetSuiteOrderLine>()
  const items = wanted.map((w) => {
    const id = w[lineIdField]
    const existing = typeof id === "string" ? byLineId.get(id) : undefined
    if (!existing || matched.has(existing)) return w
    matched.add(existing)
    // Same line id, same product: the item is not sent again (NetSuite refuses changing the item
    // of a fulfilled line), everything else is the order's.
    const { item: _item, ...fields } = w
    return { line: existing.line, ...fields }
  })
  for (const line of current) {
    if (matched.has(line) || line.line === undefined || !hasActivity(line)) continue
    items.push(line.isClosed === true ? { line: line.line } : { line: line.line, isClosed: true })
  }
  return items
}

/** The `item.items` of a transform: every fulfillable line, received or not. */
export function fulfillmentItems(requested: Map<NetSuiteOrderLine, number>, current: NetSuiteOrderLine[]): Body[] {
  const items: Body[] = []
  for (const line of current) {
    const quantity = requested.get(line)
    if (quantity !== undefined) items.push({ orderLine: line.line, quantity, itemReceive: true })
    else if (isFulfillable(line)) items.push({ orderLine: line.line, itemReceive: false })
  }
  return items
}
