import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ApiError } from "../api-error"
import { useAdminGet } from "../../lib/query"
import { COMPANIES_API, type CompanyListResponse, type CompanyResponse } from "./types"

/** Subsidiaries listed per company (the API's largest page); more are counted, not drawn. */
const CHILDREN_PER_NODE = 100
const NODE_FIELDS = "id,name,parent_company_id"

/**
 * The whole hierarchy the company belongs to: climbs to the top-level
 * company, then draws every subsidiary below it, the current one in bold.
 */
export const CompanyTree = ({ companyId }: { companyId: string }) => (
  <div className="px-6 py-4" data-testid="company-tree">
    <TopOf id={companyId} current={companyId} />
  </div>
)

const TopOf = ({ id, current }: { id: string; current: string }) => {
  const company = useAdminGet<CompanyResponse>(`${COMPANIES_API}/${id}`, { fields: NODE_FIELDS })
  if (company.error) return <ApiError error={company.error} />
  if (!company.data) return <Loading />
  const { parent_company_id } = company.data.company
  if (parent_company_id) return <TopOf id={parent_company_id} current={current} />
  return (
    <ul className="flex flex-col gap-1">
      <TreeNode id={company.data.company.id} name={company.data.company.name} current={current} />
    </ul>
  )
}

const TreeNode = ({ id, name, current }: { id: string; name: string; current: string }) => {
  const children = useAdminGet<CompanyListResponse>(COMPANIES_API, {
    parent_company_id: id,
    fields: NODE_FIELDS,
    limit: CHILDREN_PER_NODE,
    order: "name",
  })
  const list = children.data?.companies ?? []
  const hidden = (children.data?.count ?? 0) - list.length
  return (
    <li>
      {id === current ? (
        <Text size="small" weight="plus" aria-current="page">
          {name}
        </Text>
      ) : (
        <Link to={`/companies/${id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-small">
          {name}
        </Link>
      )}
      <ApiError error={children.error} />
      {list.length ? (
        <ul className="border-ui-border-base ml-2 mt-1 flex flex-col gap-1 border-l pl-4">
          {list.map((child) => (
            <TreeNode key={child.id} id={child.id} name={child.name} current={current} />
          ))}
          {hidden > 0 ? (
            <li>
              <Text size="small" className="text-ui-fg-subtle">
                and {hidden} more
              </Text>
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  )
}

const Loading = () => (
  <Text size="small" className="text-ui-fg-subtle">
    Loading…
  </Text>
)
