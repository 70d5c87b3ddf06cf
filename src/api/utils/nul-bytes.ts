import { fieldName } from "./validate-body"

/** A value to visit, with the way to it as a parent link (copying paths would be quadratic in depth). */
type Visit = { value: unknown; key?: PropertyKey; parent?: Visit }

/**
 * The first field of a parsed body or query whose key or string value holds
 * a NUL byte, written like validateBody's fields (`lines[0].sku`), or
 * undefined; a string body with one is `root`. Postgres refuses NUL in text
 * and jsonb (SQLSTATE 22021, 22P05), so such a value would fail at the
 * write, after other writes were made. Walks iteratively: a deeply nested
 * JSON body must not overflow the stack.
 */
export function firstNulField(value: unknown, root = "body"): string | undefined {
  const stack: Visit[] = [{ value }]
  while (stack.length) {
    const visit = stack.pop()!
    const current = visit.value
    if (typeof current === "string") {
      if (current.includes("\u0000")) return nameOf(visit) || root
      continue
    }
    if (current === null || typeof current !== "object") continue
    const entries: [PropertyKey, unknown][] = Array.isArray(current)
      ? current.map((item, i) => [i, item])
      : Object.entries(current)
    const badKey = entries.find(([key]) => typeof key === "string" && key.includes("\u0000"))
    if (badKey)
      return nameOf({ value: undefined, key: String(badKey[0]).replaceAll("\u0000", "\\u0000"), parent: visit })
    // Pushed in reverse so that the first field in the body is reported first.
    for (let i = entries.length - 1; i >= 0; i--)
      stack.push({ value: entries[i][1], key: entries[i][0], parent: visit })
  }
  return undefined
}

function nameOf(visit: Visit): string {
  const path: PropertyKey[] = []
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.unshift(at.key)
  return fieldName(path)
}
