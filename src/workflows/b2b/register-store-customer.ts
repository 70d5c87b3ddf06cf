import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCustomerAccountWorkflow } from "@medusajs/medusa/core-flows"
import type { CreateCustomerAccountWorkflowInput } from "@medusajs/medusa/core-flows"
import { refuseUninvitedEmployeeEmailStep } from "./steps/refuse-uninvited-employee-email"

export type RegisterStoreCustomerWorkflowInput = CreateCustomerAccountWorkflowInput

/**
 * A storefront sign-up without an invite: Medusa's own
 * createCustomerAccountWorkflow, except that an employee's e-mail is refused
 * (their sign-up goes through acceptEmployeeInviteWorkflow). Used by
 * `POST /store/customers`.
 *
 * @example
 * const { result: customer } = await registerStoreCustomerWorkflow(container).run({
 *   input: { authIdentityId: "authid_123", customerData: { email: "lee@example.com", first_name: "Lee" } },
 * })
 */
export const registerStoreCustomerWorkflow = createWorkflow(
  "register-store-customer-workflow",
  (input: RegisterStoreCustomerWorkflowInput) => {
    refuseUninvitedEmployeeEmailStep({ email: input.customerData.email })
    const customer = createCustomerAccountWorkflow.runAsStep({ input })
    return new WorkflowResponse(customer)
  }
)
