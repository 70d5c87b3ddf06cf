import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { expireQuotesWorkflow } from "../workflows/quote/expire-quotes"

/** Every minute: sent quotes whose validity ran out before the buyer accepted them expire. */
export default async function quotesExpireJob(container: MedusaContainer) {
  const { result } = await expireQuotesWorkflow(container).run({ input: { now: new Date() } })
  if (result.length) container.resolve(ContainerRegistrationKeys.LOGGER).info(`quotes-expire: ${result.length} expired`)
}

export const config = { name: "quotes-expire", schedule: "* * * * *" }
