import { useAdminGet } from "../../lib/query"
import { COMPANIES_API, type CompanyListResponse } from "./types"

/** Names of the companies a list refers to (parents, contract owners), in one request. */
export function useCompanyNames(ids: (string | null | undefined)[]): Map<string, string> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))].sort()
  const list = useAdminGet<CompanyListResponse>(unique.length ? COMPANIES_API : null, {
    id: unique,
    fields: "id,name",
    limit: Math.max(unique.length, 1),
  })
  return new Map((list.data?.companies ?? []).map((c) => [c.id, c.name]))
}
