import { toMajorString } from "../../lib/money"
import type { MoneyDriftRow } from "../../modules/invoicing/lib/money-drift"

/**
 * The drift report as a terminal table for `npm run money-drift`: one line per
 * order, amounts in major units of its currency (finance reads 12.50, not
 * 1250), then each problem's explanation indented under its order.
 */
export function formatMoneyDriftTable(rows: MoneyDriftRow[], totals: { drifting: number; scanned: number }): string {
  const summary = totals.drifting
    ? `${totals.drifting} of ${totals.scanned} order(s) drift.`
    : `No drift in ${totals.scanned} order(s).`
  if (!rows.length) return summary
  const header = [
    "order",
    "status",
    "terms",
    "currency",
    "order total",
    "invoiced",
    "ERP document",
    "credited",
    "net billed",
    "problems",
  ]
  const lines = rows.map((r) => {
    const money = (minor: number | null) => (minor === null ? "—" : toMajorString(BigInt(minor), r.currency_code))
    return [
      `#${r.display_id} ${r.order_id}`,
      r.order_status,
      r.net_terms ? "net terms" : "other",
      r.currency_code.toUpperCase(),
      money(r.order_total_minor),
      money(r.invoiced_minor),
      money(r.erp_document_total_minor),
      money(r.credited_minor),
      money(r.net_billed_minor),
      r.problems.length ? r.problems.join(", ") : "ok",
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  // Amounts right-aligned so their decimals line up.
  const numeric = new Set([4, 5, 6, 7, 8])
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd()
  const out = [render(header), render(widths.map((w) => "-".repeat(w)))]
  rows.forEach((row, i) => {
    out.push(render(lines[i]))
    for (const code of row.problems) out.push(`    ${code}: ${row.messages[code] ?? ""}`)
  })
  out.push("", summary)
  return out.join("\n")
}

/**
 * `medusa exec` hands its positional words to the script; options would be
 * taken by the medusa CLI itself, so the script reads `key=value` words
 * (`all`, `order_id=…`, `since=…`, `until=…`), leading dashes tolerated.
 */
export function parseMoneyDriftArgs(args: string[] = []): Record<string, string> {
  const parsed: Record<string, string> = { drift_only: "true" }
  for (const raw of args) {
    const word = raw.replace(/^-+/, "")
    if (!word) continue
    if (word === "all") {
      parsed.drift_only = "false"
      continue
    }
    const eq = word.indexOf("=")
    if (eq <= 0)
      throw new Error(
        `money-drift: unknown argument ${JSON.stringify(raw)} (use all, order_id=…, since=YYYY-MM-DD, until=YYYY-MM-DD)`
      )
    parsed[word.slice(0, eq).replace(/-/g, "_")] = word.slice(eq + 1)
  }
  return parsed
}
