/**
 * One line per variant in a buyer's cart. Medusa merges an added variant into
 * an existing line only when neither carries a custom price
 * (core-flows `findMatchingLineItem`), and every contract-priced line does:
 * without this, "add 100, then add 20" makes two lines, each priced on its own
 * quantity, and a volume tier reached by the cart's 120 units never applies.
 * Lines of one variant whose metadata agree once the hub's own keys are set
 * aside (a storefront may keep lines apart on purpose with metadata of its
 * own, as Medusa does) become the newest of them, holding their total
 * quantity: the merge runs inside Medusa's refresh of the cart, whose later
 * steps (tax lines, promotions) still name the line just added.
 */
export type MergeableLine = {
  id: string
  variant_id: string | null
  quantity: number
  created_at?: Date | string | null
  metadata: Record<string, unknown> | null
}

export type LineMerge = {
  /** The line that stays, with the quantity of all the lines merged into it. */
  keep: { id: string; quantity: number }[]
  /** Lines merged away. */
  remove: string[]
}

export function mergeVariantLines(lines: MergeableLine[], hubKeys: readonly string[]): LineMerge {
  const groups = new Map<string, MergeableLine[]>()
  for (const line of lines) {
    if (!line.variant_id) continue
    const key = `${line.variant_id}\u0000${canonicalMetadata(line.metadata, hubKeys)}`
    groups.set(key, [...(groups.get(key) ?? []), line])
  }
  const merge: LineMerge = { keep: [], remove: [] }
  for (const group of groups.values()) {
    if (group.length < 2) continue
    const [newest, ...rest] = [...group].sort(byAge).reverse()
    merge.keep.push({ id: newest.id, quantity: group.reduce((sum, l) => sum + Number(l.quantity), 0) })
    merge.remove.push(...rest.map((l) => l.id))
  }
  return merge
}

/** Oldest first; ids break ties so the result never depends on the order lines were read in. */
function byAge(a: MergeableLine, b: MergeableLine): number {
  const at = (l: MergeableLine) => (l.created_at ? new Date(l.created_at).getTime() : 0)
  return at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** The metadata a storefront set, keys sorted, without the hub's pricing keys. */
function canonicalMetadata(metadata: Record<string, unknown> | null, hubKeys: readonly string[]): string {
  const own = Object.entries(metadata ?? {}).filter(([k]) => !hubKeys.includes(k))
  own.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return JSON.stringify(own)
}
