import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ApiError } from "../components/api-error"
import { Row } from "../components/companies/detail-row"
import { spendingLimitText } from "../components/companies/spending-limit"
import type { AdminEmployee } from "../components/companies/types"
import { useAdminGet } from "../lib/query"

/** The employee link (links/employee-customer.ts), read through Medusa's own customer route. */
const EMPLOYEE_FIELDS = [
  "id",
  "employee.id",
  "employee.role",
  "employee.spending_limit_minor",
  "employee.spending_limit_period",
  "employee.deactivated_at",
  "employee.company.id",
  "employee.company.name",
  "employee.company.currency_code",
].join(",")

type CustomerWithEmployee = {
  customer: {
    id: string
    employee?:
      | (Pick<AdminEmployee, "id" | "role" | "spending_limit_minor" | "spending_limit_period" | "deactivated_at"> & {
          company?: { id: string; name: string; currency_code: string } | null
        })
      | null
  }
}

/** On Medusa's customer page: the company this customer buys for, their role and spending limit. */
const CustomerCompanyWidget = ({ data }: DetailWidgetProps<AdminCustomer>) => {
  const read = useAdminGet<CustomerWithEmployee>(`/admin/customers/${data.id}`, { fields: EMPLOYEE_FIELDS })
  const employee = read.data?.customer.employee
  const company = employee?.company
  return (
    <Container className="divide-y p-0" data-testid="customer-company-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Company</Heading>
      </div>
      <ApiError error={read.error} />
      {read.data && !company ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Not an employee of any company
        </Text>
      ) : null}
      {employee && company ? (
        <>
          <Row label="Company">
            <Link to={`/companies/${company.id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
              {company.name}
            </Link>
          </Row>
          <Row label="Role">
            <Badge size="2xsmall">{employee.role}</Badge>
          </Row>
          <Row label="Spending limit">{spendingLimitText(employee, company.currency_code)}</Row>
          <Row label="Status">
            {employee.deactivated_at ? (
              <StatusBadge color="grey">Deactivated</StatusBadge>
            ) : (
              <StatusBadge color="green">Active</StatusBadge>
            )}
          </Row>
        </>
      ) : null}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.side" })
export default CustomerCompanyWidget
