import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { markOverdueInvoicesWorkflow } from "../workflows/invoicing/mark-overdue-invoices"

/**
 * Hourly: open invoices past their due date become overdue (`invoice.overdue`
 * hub event, once per invoice). Stripe itself only sends invoice.overdue when
 * a Billing automation is configured, so the hub does not rely on it.
 */
export default async function invoicesOverdueJob(container: MedusaContainer) {
  const { result } = await markOverdueInvoicesWorkflow(container).run({ input: {} })
  if (result.marked.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`invoices-overdue: ${result.marked.length} invoice(s) now overdue`)
  }
}

export const config = { name: "invoices-overdue", schedule: "7 * * * *" }
