/**
 * How the live workers split one endpoint's limit: with N workers and this
 * worker at rank r, its part is floor(limit / N), plus one when
 * r < limit mod N, so the parts add up to exactly the limit and differ by at
 * most one. Ranks are the workers' order by id rotated by a hash of the
 * endpoint id, so the extra units of many small limits (and the only unit of
 * a limit of 1) do not all land on the same worker.
 * @module
 */

/** Where this worker stands in one membership: how many live workers, and its position among them sorted by id. */
export interface ShareView {
  workers: number
  index: number
}

/** The part of an integer `limit` that the worker at `rank` of `workers` may use. */
export function splitLimit(limit: number, workers: number, rank: number): number {
  return Math.floor(limit / workers) + (rank < limit % workers ? 1 : 0)
}

/** This worker's rank for `key` under `view`: its position rotated by the key's hash. */
export function rankFor(key: string, view: ShareView): number {
  return (view.index + (fnv1a(key) % view.workers)) % view.workers
}

/** The position, among `workers` sorted by id, of the one at rank 0 for `key`: it holds a part of any limit ≥ 1. */
export function holderIndex(key: string, workers: number): number {
  return (workers - (fnv1a(key) % workers)) % workers
}

/**
 * This worker's part of `limit` at `rank`. A non-integer limit (a fractional
 * rate; the app stores integers) goes whole to rank 0: splitting it would let
 * each worker round its part up within a second.
 */
export function partOf(limit: number, workers: number, rank: number): number {
  if (!Number.isInteger(limit)) return rank === 0 ? limit : 0
  return splitLimit(limit, workers, rank)
}

/** 32-bit FNV-1a: cheap, stable across processes, well spread for ids that differ in a few characters. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
