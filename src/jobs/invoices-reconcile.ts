import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileInvoicesWorkflow } from "../workflows/invoicing/reconcile-invoices"
import { moneyDriftReportWorkflow } from "../workflows/invoicing/money-drift-report"
import { STUCK_AFTER_MS } from "../workflows/invoicing/steps/reconcile-invoices"
import { logWith } from "../lib/logging/fields-logger"

/** The money drift check covers orders placed this far back (older ones: `npm run money-drift`). */
const DRIFT_LOOKBACK_MS = 7 * 24 * 3600 * 1000
const DRIFT_PAGE = 500

/**
 * Every 5 minutes: finishes issuing runs that failed or crashed (the retry of
 * the issuing sequence), catches up on Stripe changes whose webhooks were
 * lost, and logs drift that needs a person — Stripe's, then the money drift
 * report's (an order whose invoicing failed is logged here every run until
 * someone fixes it).
 */
export default async function invoicesReconcileJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result: report } = await reconcileInvoicesWorkflow(container).run({ input: {} })
  const failed = report.retried.filter((r) => !r.ok)
  if (report.retried.length || report.repaired.length) {
    logger.info(
      `invoices-reconcile: checked ${report.checked}, retried ${report.retried.length} (${failed.length} failed), repaired ${report.repaired.length}`
    )
  }
  for (const d of report.drift)
    logWith(logger, "warn", `invoices-reconcile: invoice ${d.invoice_id} drift: ${d.problems.join("; ")}`, {
      invoice_id: d.invoice_id,
    })
  for (const f of failed)
    logWith(logger, "warn", `invoices-reconcile: issuing ${f.invoice_id ?? f.order_id} failed again: ${f.error}`, {
      order_id: f.order_id,
      invoice_id: f.invoice_id,
    })

  // Orders younger than a stuck issuing run are still being handled (invoice, ERP document): not drift yet.
  const now = Date.now()
  const window = {
    since: new Date(now - DRIFT_LOOKBACK_MS).toISOString(),
    until: new Date(now - STUCK_AFTER_MS).toISOString(),
  }
  for (let offset = 0; ; offset += DRIFT_PAGE) {
    const { result } = await moneyDriftReportWorkflow(container).run({
      input: { ...window, drift_only: true, limit: DRIFT_PAGE, offset },
    })
    for (const row of result.orders) {
      const details = row.problems.map((code) => `${code}: ${row.messages[code]}`).join("; ")
      logWith(
        logger,
        "warn",
        `invoices-reconcile: order ${row.order_id} (#${row.display_id}) money drift: ${details}`,
        {
          order_id: row.order_id,
        }
      )
    }
    if (offset + result.orders.length >= result.count || !result.orders.length) break
  }
}

export const config = { name: "invoices-reconcile", schedule: "*/5 * * * *" }
