import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ERP_MODULE } from "../modules/erp"
import type ErpModuleService from "../modules/erp/service"
import { describeError } from "../lib/errors/describe-error"
import { pollErpShipmentsWorkflow } from "../workflows/erp/poll-erp-shipments"

/**
 * Every minute: read each enabled connection's shipments since its last poll
 * and record them on their Medusa fulfillments (pollErpShipmentsWorkflow).
 * One connection's ERP being down does not hold back the others.
 */
export default async function erpShipmentsPoll(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const erp = container.resolve<ErpModuleService>(ERP_MODULE)
  for (const connection of await erp.listEnabledConnections()) {
    await pollErpShipmentsWorkflow(container)
      .run({ input: { connection_id: connection.id } })
      .catch((e) => logger.warn(`erp shipments: reading ${connection.name} failed: ${describeError(e)}`))
  }
}

export const config = { name: "erp-shipments-poll", schedule: "* * * * *" }
