import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate } from "../../lib/format"
import type { AdminCompany } from "./types"

/** Companies as rows: name (to the company page), currency, parent, ERP account, created. */
export const CompaniesTable = ({ companies, names }: { companies: AdminCompany[]; names: Map<string, string> }) => {
  if (!companies.length)
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No companies
      </Text>
    )
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Company</Table.HeaderCell>
          <Table.HeaderCell>Currency</Table.HeaderCell>
          <Table.HeaderCell>Parent</Table.HeaderCell>
          <Table.HeaderCell>ERP account</Table.HeaderCell>
          <Table.HeaderCell>Billing email</Table.HeaderCell>
          <Table.HeaderCell>Created</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {companies.map((company) => (
          <Table.Row key={company.id}>
            <Table.Cell>
              <Link
                to={`/companies/${company.id}`}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
              >
                {company.name}
              </Link>
            </Table.Cell>
            <Table.Cell>{company.currency_code.toUpperCase()}</Table.Cell>
            <Table.Cell>
              {company.parent_company_id ? (
                <Link
                  to={`/companies/${company.parent_company_id}`}
                  className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                >
                  {names.get(company.parent_company_id) ?? company.parent_company_id}
                </Link>
              ) : (
                "—"
              )}
            </Table.Cell>
            <Table.Cell>{company.erp_account_number ?? "—"}</Table.Cell>
            <Table.Cell>{company.billing_email}</Table.Cell>
            <Table.Cell>{formatDate(company.created_at)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
