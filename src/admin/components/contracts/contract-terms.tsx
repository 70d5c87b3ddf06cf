import { Link } from "react-router-dom"
import { Row } from "../companies/detail-row"
import { formatDate } from "../../lib/format"
import { ContractStatus } from "./contract-status"
import { termsLabel, type AdminContract } from "./types"

/** A contract's terms as label/value rows. */
export const ContractTerms = ({ contract, companyName }: { contract: AdminContract; companyName?: string }) => (
  <>
    <Row label="Company">
      <Link to={`/companies/${contract.company_id}`} className="text-ui-fg-interactive">
        {companyName ?? contract.company_id}
      </Link>
    </Row>
    <Row label="Status">
      <ContractStatus contract={contract} />
    </Row>
    <Row label="Currency">{contract.currency_code.toUpperCase()}</Row>
    <Row label="Payment terms">{termsLabel(contract.payment_terms)}</Row>
    <Row label="Valid from">{formatDate(contract.valid_from)}</Row>
    <Row label="Valid to">{contract.valid_to ? formatDate(contract.valid_to) : "Open-ended"}</Row>
  </>
)
