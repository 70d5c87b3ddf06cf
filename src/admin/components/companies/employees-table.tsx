import { Badge, StatusBadge, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ApiError } from "../api-error"
import { Pager } from "../pager"
import { useAdminGet } from "../../lib/query"
import { EmployeeEdit } from "./employee-edit"
import { spendingLimitText } from "./spending-limit"
import { COMPANIES_API, personName, type EmployeeListResponse } from "./types"

const PAGE = 20

/** A company's employees: who (to Medusa's customer page), role, spending limit, status, edit. */
export const EmployeesTable = ({ companyId, currency }: { companyId: string; currency: string }) => {
  const [offset, setOffset] = useState(0)
  const list = useAdminGet<EmployeeListResponse>(`${COMPANIES_API}/${companyId}/employees`)
  // The route answers every employee at once; the page shows them a page at a time.
  const all = list.data?.employees ?? []
  const shown = all.slice(offset, offset + PAGE)
  return (
    <>
      <ApiError error={list.error} />
      {!list.isLoading && !all.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No employees yet
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Name</Table.HeaderCell>
              <Table.HeaderCell>Email</Table.HeaderCell>
              <Table.HeaderCell>Role</Table.HeaderCell>
              <Table.HeaderCell>Spending limit</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {shown.map((employee) => (
              <Table.Row key={employee.id}>
                <Table.Cell>
                  <Link
                    to={`/customers/${employee.customer_id}`}
                    className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                  >
                    {personName(employee.customer)}
                  </Link>
                </Table.Cell>
                <Table.Cell>{employee.customer?.email ?? "—"}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall">{employee.role}</Badge>
                </Table.Cell>
                <Table.Cell>{spendingLimitText(employee, currency)}</Table.Cell>
                <Table.Cell>
                  {employee.deactivated_at ? (
                    <StatusBadge color="grey">Deactivated</StatusBadge>
                  ) : (
                    <StatusBadge color="green">Active</StatusBadge>
                  )}
                </Table.Cell>
                <Table.Cell className="text-right">
                  <EmployeeEdit employee={employee} currency={currency} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {all.length > PAGE ? <Pager count={all.length} limit={PAGE} offset={offset} onChange={setOffset} /> : null}
    </>
  )
}
