/**
 * What re-sealing one kind of stored secret did (`npm run secrets:rotate`):
 * rows sealed again under the current key, and rows that already were.
 */
export type ResealCount = {
  /** The column, as "table.column". */
  secrets: string
  resealed: number
  unchanged: number
}
