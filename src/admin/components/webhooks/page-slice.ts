import { useState } from "react"

export const PAGE_SIZE = 20

/** Offset pagination of a list the API returns whole (partners, endpoints): feeds <Pager>. */
export function usePageSlice<T>(rows: T[] | undefined, limit = PAGE_SIZE) {
  const [offset, setOffset] = useState(0)
  const all = rows ?? []
  const start = offset >= all.length && all.length > 0 ? 0 : offset
  return { rows: all.slice(start, start + limit), count: all.length, limit, offset: start, setOffset }
}
