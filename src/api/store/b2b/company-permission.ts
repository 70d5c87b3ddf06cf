import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ROLE_MATRIX, roleMay, type CompanyPermission } from "../../../modules/b2b/lib/roles"
import { resolveEmployee } from "../../../workflows/b2b/utils/contract-for-customer"

const WHAT: Record<CompanyPermission, string> = {
  "company.read": "see the company",
  "contract.read": "see the contract",
  "prices.read": "price quotes",
  "cart.write": "build or check out carts",
  "invoices.read": "see invoices",
  "orders.read": "see orders",
  "approvals.read": "see approval requests",
  "approvals.decide": "approve or reject orders",
  "approval_rules.manage": "change approval rules",
  "employees.manage": "manage employees",
  "quotes.read": "see quotes",
  "quotes.request": "ask for or negotiate quotes",
  "quotes.accept": "accept or reject quotes",
}

/**
 * 403 for a company employee whose role lacks `permission` (the matrix in
 * src/modules/b2b/lib/roles.ts and README). A customer of no company passes:
 * the route decides (Medusa's carts serve everyone; /store/b2b answers 404).
 */
export function requireCompanyPermission(permission: CompanyPermission) {
  return async (req: AuthenticatedMedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      const found = await resolveEmployee(req.scope, req.auth_context?.actor_id)
      if (found && !roleMay(found.employee.role, permission)) {
        throw new MedusaError(
          MedusaError.Types.FORBIDDEN,
          `role: employees with the ${found.employee.role} role cannot ${WHAT[permission]} (${ROLE_MATRIX[permission].join(", ")} can)`
        )
      }
      next()
    } catch (err) {
      next(err)
    }
  }
}
