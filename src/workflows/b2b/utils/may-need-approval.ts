// A cheap first look before a checkout runs the approval workflow: most carts need none.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { resolveEmployee } from "./contract-for-customer"

/**
 * False when the cart certainly needs no approval: its customer is no active
 * employee, or their company has no approval rule and the cart has no
 * pending request. Completion then goes straight to Medusa's checkout,
 * whose validate hook still applies every rule.
 */
export async function mayNeedApproval(container: MedusaContainer, cartId: string): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["customer_id"], filters: { id: cartId } })
  const found = await resolveEmployee(container, (data[0] as { customer_id?: string | null } | undefined)?.customer_id)
  if (!found) return false
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const [rules, pending] = await Promise.all([
    b2b.listApprovalRules({ company_id: found.company.id }, { select: ["id"], take: 1 }),
    b2b.listApprovalRequests({ cart_id: cartId, status: "pending" }, { select: ["id"], take: 1 }),
  ])
  return rules.length > 0 || pending.length > 0
}
