import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { expireApprovalRequestsWorkflow } from "../workflows/b2b/expire-approval-requests"

/** Every minute: approval requests nobody decided in time expire and their carts unlock. */
export default async function approvalRequestsExpireJob(container: MedusaContainer) {
  const { result } = await expireApprovalRequestsWorkflow(container).run({ input: { now: new Date() } })
  if (result.length) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`approval-requests-expire: ${result.length} expired`)
  }
}

export const config = { name: "approval-requests-expire", schedule: "* * * * *" }
