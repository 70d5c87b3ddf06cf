import { useAdminGet } from "../../lib/query"

type CompaniesResponse = { companies: { id: string; name: string }[] }

/**
 * The companies a filter offers and the names tables show in place of ids
 * (approvals and quotes both carry only `company_id`). The first 100 by
 * name; beyond that a row shows the id.
 */
export function useCompanies() {
  const { data } = useAdminGet<CompaniesResponse>("/admin/companies", {
    fields: "id,name",
    limit: 100,
    order: "name",
  })
  const companies = data?.companies ?? []
  const names = new Map(companies.map((c) => [c.id, c.name]))
  return { companies, nameOf: (id: string) => names.get(id) ?? id }
}
