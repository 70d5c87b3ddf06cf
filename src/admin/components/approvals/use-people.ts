import { useAdminGet } from "../../lib/query"

type EmployeesResponse = {
  employees: { id: string; customer_id: string; role: string; customer?: { email?: string | null } | null }[]
}
type UsersResponse = { users: { id: string; email: string }[] }

/**
 * Names for the people a request or quote mentions: the company's employees
 * (by employee id or customer id, as approvals and quotes record them) and
 * merchant staff (by user id). Unknown ids show as themselves.
 */
export function usePeople(companyId: string | undefined, userIds: string[]) {
  const { data: employees } = useAdminGet<EmployeesResponse>(
    companyId ? `/admin/companies/${companyId}/employees` : null
  )
  const unique = [...new Set(userIds)].sort()
  const { data: users } = useAdminGet<UsersResponse>(unique.length ? "/admin/users" : null, {
    id: unique,
    fields: "id,email",
  })
  const names = new Map<string, string>()
  for (const e of employees?.employees ?? []) {
    const label = `${e.customer?.email ?? e.customer_id} (${e.role})`
    names.set(e.id, label)
    names.set(e.customer_id, label)
  }
  for (const u of users?.users ?? []) names.set(u.id, `${u.email} (staff)`)
  return (id: string) => names.get(id) ?? id
}
