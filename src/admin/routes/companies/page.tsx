import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Buildings } from "@medusajs/icons"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { ApiError } from "../../components/api-error"
import { CompaniesTable } from "../../components/companies/companies-table"
import { CompanyForm } from "../../components/companies/company-form"
import { COMPANIES_API, type CompanyListResponse } from "../../components/companies/types"
import { useCompanyNames } from "../../components/companies/use-company-names"
import { PageSection } from "../../components/page-section"
import { Pager } from "../../components/pager"
import { useAdminGet } from "../../lib/query"

const LIMIT = 20

/** Every buyer company by name, with its parent; creates a company. */
const CompaniesPage = () => {
  const navigate = useNavigate()
  const [offset, setOffset] = useState(0)
  const list = useAdminGet<CompanyListResponse>(COMPANIES_API, { limit: LIMIT, offset, order: "name" })
  const companies = list.data?.companies ?? []
  const parents = useCompanyNames(companies.map((c) => c.parent_company_id))
  return (
    <PageSection
      title="Companies"
      subtitle="Buyer companies, their hierarchy, employees and contracts"
      actions={<CompanyForm onSaved={(company) => navigate(`/companies/${company.id}`)} />}
    >
      <ApiError error={list.error} />
      <CompaniesTable companies={companies} names={parents} />
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onChange={setOffset} />
    </PageSection>
  )
}

export const config = defineRouteConfig({ label: "Companies", icon: Buildings })
export default CompaniesPage
