import type { PullGrants } from "./grants"
import type { FeedPosition } from "./order-feed-cursor"

export type FeedQuery = { sql: string; bindings: (string | number | Date)[] }

/**
 * The pull API's keyset query: the client's orders after `position` (or
 * changed since `updated_since`) in (updated_at, order_id) order, one row
 * more than a page to tell whether there is more. Documents come back as
 * JSON text, served as stored. `?` placeholders (knex); the benchmark runs
 * the very same text as a prepared statement.
 */
export function orderFeedPageQuery(input: {
  grants: PullGrants
  position?: FeedPosition | null
  updated_since?: Date
  limit: number
}): FeedQuery {
  const where: string[] = ["deleted_at is null"]
  const bindings: FeedQuery["bindings"] = []
  const inList = (values: string[]) => values.map(() => "?").join(", ")
  if (input.position) {
    where.push("(updated_at, order_id) > (?::timestamptz, ?)")
    bindings.push(input.position.updated_at, input.position.order_id)
  } else if (input.updated_since) {
    where.push("updated_at >= ?")
    bindings.push(input.updated_since)
  }
  if (!input.grants.sales_channel_ids.includes("*")) {
    where.push(`sales_channel_id in (${inList(input.grants.sales_channel_ids)})`)
    bindings.push(...input.grants.sales_channel_ids)
  }
  if (input.grants.company_ids.length) {
    where.push(`company_id in (${inList(input.grants.company_ids)})`)
    bindings.push(...input.grants.company_ids)
  }
  bindings.push(input.limit + 1)
  return {
    sql: `select order_id, to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position, document::text as json
            from erp_order_feed where ${where.join(" and ")}
           order by updated_at, order_id limit ?`,
    bindings,
  }
}

/** `?` placeholders → pg's `$1…$n` (the query text has no other `?`). */
export function toPgPlaceholders(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}
