import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import type { ConnectorCandidate } from "../../../modules/erp/service"

export const validateErpConnectorStepId = "validate-erp-connector-step"

export type ValidateErpConnectorStepInput = ConnectorCandidate

/**
 * Builds the connector the connection would get (the ERP module opens the
 * stored credentials when no new ones are given), so settings or
 * credentials that cannot work are a 400 naming what is missing before
 * anything is written. Read-only, so nothing to compensate.
 */
export const validateErpConnectorStep = createStep(
  validateErpConnectorStepId,
  async (candidate: ValidateErpConnectorStepInput, { container }) => {
    await container.resolve<ErpModuleService>(ERP_MODULE).validateConnector(candidate)
    return new StepResponse(undefined)
  }
)
