import { invalidParam, noSuch } from "./errors"
import type { Params } from "./params"
import type { ListObject } from "./types"

/**
 * Stripe cursor pagination over `items` (already in list order):
 * `limit` 1..100 (default 10), `starting_after` / `ending_before` object ids.
 */
export function paginate<T extends { id: string }>(
  items: T[],
  params: Params,
  url: string,
  what: string
): ListObject<T> {
  const limit = params.int("limit", { min: 1 }) ?? 10
  if (limit > 100) throw invalidParam("limit", "Invalid limit: must be less than or equal to 100")
  const max = limit
  const after = params.string("starting_after")
  const before = params.string("ending_before")
  let data: T[]
  let hasMore: boolean
  if (after) {
    const at = items.findIndex((item) => item.id === after)
    if (at === -1) throw noSuch(what, after, "starting_after")
    data = items.slice(at + 1, at + 1 + max)
    hasMore = at + 1 + max < items.length
  } else if (before) {
    const at = items.findIndex((item) => item.id === before)
    if (at === -1) throw noSuch(what, before, "ending_before")
    const start = Math.max(0, at - max)
    data = items.slice(start, at)
    hasMore = start > 0
  } else {
    data = items.slice(0, max)
    hasMore = items.length > max
  }
  return { object: "list", data, has_more: hasMore, url }
}
