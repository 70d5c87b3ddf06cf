// Which companies' orders and invoices an employee sees (GET /store/b2b/orders, /store/b2b/invoices).
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { COMPANY_WIDE_ROLES } from "../../../modules/b2b/lib/roles"

/**
 * The companies whose records an employee sees: their own, and for a
 * company-wide role (admin, finance) every subsidiary below it as well; a
 * subsidiary's people never see their parent's. With `only`, just that
 * company, which must be one of them: any other, the parent included, is
 * 404 `company_id` (whether it exists is not the caller's business).
 */
export async function companiesInScope(
  container: MedusaContainer,
  caller: { role: string; company_id: string },
  only?: string
): Promise<string[]> {
  const wide = (COMPANY_WIDE_ROLES as readonly string[]).includes(caller.role)
  const below = wide ? await container.resolve<B2bModuleService>(B2B_MODULE).listDescendantIds(caller.company_id) : []
  const ids = [caller.company_id, ...below]
  if (only === undefined) return ids
  if (!ids.includes(only))
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `company_id: company ${only} was not found`)
  return [only]
}

/** Roles that see only the orders they placed themselves, not their colleagues'. */
const OWN_RECORDS_ONLY: readonly string[] = ["buyer"]

export function seesOnlyOwnRecords(role: string): boolean {
  return OWN_RECORDS_ONLY.includes(role)
}
