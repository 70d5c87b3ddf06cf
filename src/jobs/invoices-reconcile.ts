import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileInvoicesWorkflow } from "../workflows/invoicing/reconcile-invoices"

/**
 * Every 5 minutes: finishes issuing runs that failed or crashed (the retry of
 * the issuing sequence), catches up on Stripe changes whose webhooks were
 * lost, and logs drift that needs a person.
 */
export default async function invoicesReconcileJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result: report } = await reconcileInvoicesWorkflow(container).run({ input: {} })
  const failed = report.retried.filter((r) => !r.ok)
  if (report.retried.length || report.repaired.length) {
    logger.info(`invoices-reconcile: checked ${report.checked}, retried ${report.retried.length} (${failed.length} failed), repaired ${report.repaired.length}`)
  }
  for (const d of report.drift) logger.warn(`invoices-reconcile: invoice ${d.invoice_id} drift: ${d.problems.join("; ")}`)
  for (const f of failed) logger.warn(`invoices-reconcile: issuing ${f.invoice_id ?? f.order_id} failed again: ${f.error}`)
}

export const config = { name: "invoices-reconcile", schedule: "*/5 * * * *" }
