import type { ExecArgs } from "@medusajs/framework/types"
import { moneyDriftReportWorkflow, type MoneyDriftRow } from "../workflows/invoicing/money-drift-report"
import { AdminMoneyDrift } from "../api/admin/invoices/validators"
import { parseOrThrow } from "../api/utils/validate-body"
import { formatMoneyDriftTable, parseMoneyDriftArgs } from "./lib/money-drift-table"

/** Orders per workflow run; the report pages through all of them. */
const PAGE = 500

/**
 * `npm run money-drift [-- all] [order_id=…] [since=YYYY-MM-DD] [until=…]`
 * (or `npx medusa exec ./src/scripts/money-drift.ts …`): prints the money
 * drift report as a table — drifting orders only unless `all` — and exits
 * with 2 when any order drifts, so a cron or CI step can alert on it.
 * Filters are checked by the same rules as GET /admin/invoices/drift.
 */
export default async function moneyDrift({ container, args }: ExecArgs) {
  const filters = parseOrThrow(
    AdminMoneyDrift.pick({ order_id: true, since: true, until: true, drift_only: true }),
    parseMoneyDriftArgs(args)
  )
  const rows: MoneyDriftRow[] = []
  let drifting = 0
  let scanned = 0
  for (let offset = 0; ; offset += PAGE) {
    const { result } = await moneyDriftReportWorkflow(container).run({
      input: {
        ...filters,
        since: filters.since?.toISOString(),
        until: filters.until?.toISOString(),
        limit: PAGE,
        offset,
      },
    })
    rows.push(...result.orders)
    drifting += result.orders.filter((r) => r.problems.length).length
    // drift_only scans the whole window on every page; the first page says how many were read.
    scanned = filters.drift_only ? result.scanned : result.count
    if (rows.length >= result.count || !result.orders.length) break
  }
  process.stdout.write(`${formatMoneyDriftTable(rows, { drifting, scanned })}\n`)
  // `medusa exec` ends with process.exit(), which keeps this code.
  if (drifting) process.exitCode = 2
}
