import { defineRouteConfig } from "@medusajs/admin-sdk"
import { DocumentText } from "@medusajs/icons"
import { useState } from "react"
import { ApiError } from "../../components/api-error"
import { useCompanyNames } from "../../components/companies/use-company-names"
import { ContractsTable } from "../../components/contracts/contracts-table"
import { CONTRACTS_API, type ContractListResponse } from "../../components/contracts/types"
import { PageSection } from "../../components/page-section"
import { Pager } from "../../components/pager"
import { useAdminGet } from "../../lib/query"

const LIMIT = 20

/** Every company contract, newest start first. */
const ContractsPage = () => {
  const [offset, setOffset] = useState(0)
  const list = useAdminGet<ContractListResponse>(CONTRACTS_API, { limit: LIMIT, offset, order: "-valid_from" })
  const contracts = list.data?.contracts ?? []
  const names = useCompanyNames(contracts.map((c) => c.company_id))
  return (
    <PageSection title="Contracts" subtitle="Payment terms, credit limits and contract prices per company">
      <ApiError error={list.error} />
      <ContractsTable contracts={contracts} companyNames={names} />
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onChange={setOffset} />
    </PageSection>
  )
}

export const config = defineRouteConfig({ label: "Contracts", icon: DocumentText })
export default ContractsPage
