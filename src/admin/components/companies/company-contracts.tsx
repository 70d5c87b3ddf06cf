import { useState } from "react"
import { ApiError } from "../api-error"
import { Pager } from "../pager"
import { ContractsTable } from "../contracts/contracts-table"
import { CONTRACTS_API, type ContractListResponse } from "../contracts/types"
import { useAdminGet } from "../../lib/query"

const LIMIT = 10

/** The company's own contracts, the one in effect marked; a subsidiary without one buys under its parent's. */
export const CompanyContracts = ({ companyId }: { companyId: string }) => {
  const [offset, setOffset] = useState(0)
  const list = useAdminGet<ContractListResponse>(CONTRACTS_API, {
    company_id: companyId,
    limit: LIMIT,
    offset,
    order: "-valid_from",
  })
  return (
    <>
      <ApiError error={list.error} />
      <ContractsTable contracts={list.data?.contracts ?? []} />
      {(list.data?.count ?? 0) > LIMIT ? (
        <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onChange={setOffset} />
      ) : null}
    </>
  )
}
