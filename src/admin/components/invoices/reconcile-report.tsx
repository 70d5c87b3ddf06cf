import { Text } from "@medusajs/ui"
import type { ReconcileReport } from "./types"

/** What a reconcile run did, one sentence per finding. */
export const ReconcileReportView = ({ report }: { report: ReconcileReport }) => {
  const lines = [
    ...report.retried.map(
      (r) =>
        `Issuing retried for ${r.invoice_id ?? r.order_id}: ${r.ok ? `ok${r.status ? ` (${r.status})` : ""}` : `failed: ${r.error ?? "unknown error"}`}`
    ),
    ...report.repaired.map((r) => `Repaired ${r.invoice_id}: ${r.changes.join(", ")}`),
    ...report.drift.map((d) => `Drift on ${d.invoice_id}: ${d.problems.join("; ")}`),
    ...report.credit_notes.map(
      (c) => `Credit note for ${c.return_id}: ${c.outcome}${c.reason ? ` (${c.reason})` : ""}`
    ),
    ...report.followed.map(
      (f) => `Order ${f.order_id} followed: ${f.ok ? (f.outcome ?? "ok") : `failed: ${f.error ?? "unknown"}`}`
    ),
  ]
  return (
    <div className="flex flex-col gap-1 px-6 py-4" data-testid="reconcile-report">
      <Text size="small" weight="plus">
        Reconciled: {report.checked} checked against Stripe, {report.repaired.length} repaired, {report.drift.length}{" "}
        with drift
      </Text>
      {lines.length ? (
        lines.map((line, i) => (
          <Text key={i} size="small">
            {line}
          </Text>
        ))
      ) : (
        <Text size="small" className="text-ui-fg-subtle">
          Nothing needed a change: Stripe and backy agree.
        </Text>
      )}
    </div>
  )
}
