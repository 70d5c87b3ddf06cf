import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatMinor } from "../../lib/format"
import { ContractStatus } from "./contract-status"
import { termsLabel, type AdminContract } from "./types"

const day = (value: string | null) => (value ? new Date(value).toLocaleDateString() : "open-ended")

/** Contracts as rows: reference (to the contract page), company, terms, credit limit, validity, status. */
export const ContractsTable = ({
  contracts,
  companyNames,
}: {
  contracts: AdminContract[]
  /** Omit to leave out the company column (on a company's own page). */
  companyNames?: Map<string, string>
}) => {
  if (!contracts.length)
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No contracts
      </Text>
    )
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Contract</Table.HeaderCell>
          {companyNames ? <Table.HeaderCell>Company</Table.HeaderCell> : null}
          <Table.HeaderCell>Payment terms</Table.HeaderCell>
          <Table.HeaderCell>Credit limit</Table.HeaderCell>
          <Table.HeaderCell>Valid</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {contracts.map((contract) => (
          <Table.Row key={contract.id}>
            <Table.Cell>
              <Link
                to={`/contracts/${contract.id}`}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
              >
                {contract.reference || contract.id}
              </Link>
            </Table.Cell>
            {companyNames ? (
              <Table.Cell>
                <Link
                  to={`/companies/${contract.company_id}`}
                  className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                >
                  {companyNames.get(contract.company_id) ?? contract.company_id}
                </Link>
              </Table.Cell>
            ) : null}
            <Table.Cell>{termsLabel(contract.payment_terms)}</Table.Cell>
            <Table.Cell>{formatMinor(contract.credit_limit_minor, contract.currency_code)}</Table.Cell>
            <Table.Cell>
              {day(contract.valid_from)} – {day(contract.valid_to)}
            </Table.Cell>
            <Table.Cell>
              <ContractStatus contract={contract} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
