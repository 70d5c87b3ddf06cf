import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const validateEmployeeCustomerStepId = "validate-employee-customer-step"

export type ValidateEmployeeCustomerStepInput = { customer_id: string }

/**
 * A new employee's customer must exist and must not already work for a
 * company (one company per customer): 400 naming `customer_id` otherwise.
 * Read-only.
 */
export const validateEmployeeCustomerStep = createStep(
  validateEmployeeCustomerStepId,
  async ({ customer_id }: ValidateEmployeeCustomerStepInput, { container }) => {
    const customers = await container.resolve(Modules.CUSTOMER).listCustomers({ id: customer_id }, { select: ["id"] })
    if (!customers.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `customer_id: customer ${customer_id} does not exist`)
    }
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const [existing] = await b2b.listEmployees({ customer_id }, { relations: ["company"] })
    if (existing) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `customer_id: customer ${customer_id} is already an employee of company ${existing.company?.id ?? "(unknown)"}`
      )
    }
    return new StepResponse(undefined)
  }
)
