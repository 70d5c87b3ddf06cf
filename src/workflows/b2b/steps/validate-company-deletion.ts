import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const validateCompanyDeletionStepId = "validate-company-deletion-step"

export type ValidateCompanyDeletionStepInput = { id: string }

export type CompanyDeletionPlan = {
  company_id: string
  employee_ids: string[]
  customer_ids: string[]
  contract_ids: string[]
  customer_group_ids: string[]
}

/** The company as read here: what goes with it. */
type CompanyToDelete = {
  id: string
  employees?: { id: string; customer_id: string }[] | null
  contracts?: { id: string }[] | null
  customer_group?: { id: string } | null
}

/**
 * Refuses to delete a company that still has child companies (400: they
 * would lose their parent's contract silently); otherwise returns what goes
 * with it: employees, contracts and the company's customer group. Read-only.
 */
export const validateCompanyDeletionStep = createStep(
  validateCompanyDeletionStepId,
  async ({ id }: ValidateCompanyDeletionStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "company",
      fields: ["id", "employees.id", "employees.customer_id", "contracts.id", "customer_group.id"],
      filters: { id },
    })
    const company = data[0] as CompanyToDelete | undefined
    if (!company) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Company with id: ${id} was not found`)
    const children = await b2b.listCompanies({ parent_company_id: id }, { select: ["id"] })
    if (children.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `id: company ${id} is the parent of ${children.map((c) => c.id).join(", ")}; re-parent or delete those first`
      )
    }
    const plan: CompanyDeletionPlan = {
      company_id: id,
      employee_ids: (company.employees ?? []).map((e) => e.id),
      customer_ids: (company.employees ?? []).map((e) => e.customer_id),
      contract_ids: (company.contracts ?? []).map((c) => c.id),
      customer_group_ids: company.customer_group ? [company.customer_group.id] : [],
    }
    return new StepResponse(plan)
  }
)
