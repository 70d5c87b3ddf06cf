/**
 * Opaque pagination cursor: the (updated_at, order_id) of the last row served.
 * updated_at keeps microseconds as Postgres stores them (a JS Date would not).
 */
export type FeedPosition = { updated_at: string; order_id: string }

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(JSON.stringify([position.updated_at, position.order_id])).toString("base64url")
}

export function decodeCursor(cursor: string): FeedPosition | null {
  try {
    const [updated_at, order_id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
    if (typeof updated_at !== "string" || typeof order_id !== "string" || Number.isNaN(Date.parse(updated_at)))
      return null
    return { updated_at, order_id }
  } catch {
    return null
  }
}
