/**
 * Whether two JSON values are equal whatever the order of their object keys.
 * Postgres' jsonb hands keys back in its own order (shorter keys first), so
 * comparing JSON.stringify of a value we built with one read back from the
 * database sees a change where there is none.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((value, i) => sameJson(value, other[i]))
  }
  const left = Object.entries(a as Record<string, unknown>).filter(([, v]) => v !== undefined)
  const right = b as Record<string, unknown>
  const rightCount = Object.values(right).filter((v) => v !== undefined).length
  return left.length === rightCount && left.every(([key, value]) => sameJson(value, right[key]))
}
