import { ApiError } from "../api-error"
import { Row } from "../companies/detail-row"
import { formatMinor } from "../../lib/format"
import { useAdminGet } from "../../lib/query"
import { CONTRACTS_API, type ContractCredit } from "./types"

/** The contract account's live credit: limit, open invoices, holds, what is left. */
export const ContractCreditRows = ({ contractId }: { contractId: string }) => {
  const credit = useAdminGet<{ credit: ContractCredit }>(`${CONTRACTS_API}/${contractId}/credit`)
  if (credit.error) return <ApiError error={credit.error} />
  const c = credit.data?.credit
  const money = (minor: number | undefined) => (c ? formatMinor(minor, c.currency_code) : "…")
  return (
    <div data-testid="contract-credit">
      <Row label="Credit limit">{money(c?.credit_limit_minor)}</Row>
      <Row label="Open invoices">{money(c?.open_balance_minor)}</Row>
      <Row label="Held for orders not invoiced yet">{money(c?.held_minor)}</Row>
      <Row label="Available credit">{money(c?.available_credit_minor)}</Row>
    </div>
  )
}
