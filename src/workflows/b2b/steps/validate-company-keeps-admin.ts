import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { EmployeeRole } from "../../../modules/b2b/lib/roles"

export const validateCompanyKeepsAdminStepId = "validate-company-keeps-admin-step"

export type ValidateCompanyKeepsAdminStepInput = {
  employee_id: string
  /** The role the employee is about to get (undefined: unchanged). */
  role?: EmployeeRole
  /** The employee is about to be deactivated. */
  deactivate?: boolean
}

/**
 * A company that has an active admin keeps one: demoting or deactivating
 * its last active admin is refused (409, naming `role` or the employee
 * `id`), since nobody would be left to manage its people and the company
 * would depend on the merchant to recover. Since only admins manage
 * employees, in the store this is an admin locking themselves out.
 * Read-only; two admins demoting each other at the same moment can both
 * pass (no lock), which the merchant can repair.
 */
export const validateCompanyKeepsAdminStep = createStep(
  validateCompanyKeepsAdminStepId,
  async ({ employee_id, role, deactivate }: ValidateCompanyKeepsAdminStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const employee = await b2b.retrieveEmployee(employee_id, { select: ["id", "role", "company_id", "deactivated_at"] })
    const losesAdmin = deactivate || (role !== undefined && role !== "admin")
    if (employee.role !== "admin" || employee.deactivated_at || !losesAdmin) return new StepResponse(undefined)

    const others = await b2b.listEmployees(
      { company_id: employee.company_id, role: "admin", deactivated_at: null, id: { $ne: employee_id } },
      { select: ["id"], take: 1 }
    )
    if (!others.length) {
      const [field, action] = deactivate ? ["id", "deactivating"] : ["role", "changing the role of"]
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `${field}: ${employee_id} is the company's last active admin; make another employee admin before ${action} them`
      )
    }
    return new StepResponse(undefined)
  }
)
