import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../../modules/b2b"
import type B2bModuleService from "../../../../modules/b2b/service"
import { mayDecideLevel, type ApprovalActor } from "../../../../modules/b2b/lib/approval-rules"
import type { ApprovalRequestRow } from "../../../../modules/b2b/lib/approval-document"
import { requireEmployee } from "../helpers"

/**
 * Who is asking about approval requests and which they see: a company admin
 * the company's and its subsidiaries' (whose levels they may also decide),
 * an approver the company's, a buyer only their own.
 */
export async function approvalCaller(req: AuthenticatedMedusaRequest) {
  const { employee, company } = await requireEmployee(req)
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const subsidiaries = employee.role === "admin" ? await b2b.listDescendantIds(company.id) : []
  const actor: ApprovalActor = {
    type: "employee",
    customer_id: employee.customer_id,
    role: employee.role,
    company_id: company.id,
    ancestor_admin_of: subsidiaries,
  }
  const ownOnly = employee.role === "buyer"
  const filters = {
    company_id: [company.id, ...subsidiaries],
    ...(ownOnly ? { customer_id: employee.customer_id } : {}),
  }
  return {
    actor,
    filters,
    /** Null when the caller may decide the level this request waits for. */
    cannotDecide: (request: ApprovalRequestRow) =>
      request.status !== "pending"
        ? `it is ${request.status}`
        : mayDecideLevel(actor, request.levels[request.current_level].approver, request),
  }
}

/** The request if the caller sees it, else 404 (another company's looks exactly like a missing one). */
export async function visibleApprovalRequest(req: AuthenticatedMedusaRequest, id: string) {
  const caller = await approvalCaller(req)
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const [request] = (await b2b.listApprovalRequests({ id, ...caller.filters })) as unknown as ApprovalRequestRow[]
  if (!request) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Approval request ${id} was not found`)
  return { caller, request }
}
