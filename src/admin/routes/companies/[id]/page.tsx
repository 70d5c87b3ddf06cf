import { Button, Container, Heading, Text } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { ApiError } from "../../../components/api-error"
import { CompanyContracts } from "../../../components/companies/company-contracts"
import { CompanyDetails } from "../../../components/companies/company-details"
import { CompanyForm } from "../../../components/companies/company-form"
import { CompanyTree } from "../../../components/companies/company-tree"
import { EmployeesTable } from "../../../components/companies/employees-table"
import { COMPANIES_API, type CompanyResponse } from "../../../components/companies/types"
import { PageSection } from "../../../components/page-section"
import { useAdminGet } from "../../../lib/query"

/** One company: its fields, where it sits in the hierarchy, its employees and its contracts. */
const CompanyPage = () => {
  const { id } = useParams()
  const company = useAdminGet<CompanyResponse>(`${COMPANIES_API}/${id}`)
  if (company.error)
    return (
      <Container>
        <ApiError error={company.error} />
      </Container>
    )
  if (!company.data)
    return (
      <Container>
        <Text size="small">Loading…</Text>
      </Container>
    )
  const c = company.data.company
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h1">{c.name}</Heading>
            <Text size="small" className="text-ui-fg-subtle font-mono">
              {c.id}
            </Text>
          </div>
          <CompanyForm company={c} />
        </div>
        <CompanyDetails company={c} />
      </Container>
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-3">
        <div className="flex flex-col gap-y-3 xl:col-span-2">
          <PageSection title="Employees" subtitle="Roles and spending limits">
            <EmployeesTable companyId={c.id} currency={c.currency_code} />
          </PageSection>
          <PageSection
            title="Contracts"
            subtitle="A subsidiary without one in effect buys under its nearest parent's"
            actions={
              <Button size="small" variant="secondary" asChild>
                <Link to="/contracts">All contracts</Link>
              </Button>
            }
          >
            <CompanyContracts companyId={c.id} />
          </PageSection>
        </div>
        <PageSection title="Hierarchy" subtitle="Parent and subsidiaries">
          <CompanyTree companyId={c.id} />
        </PageSection>
      </div>
    </div>
  )
}

export default CompanyPage
