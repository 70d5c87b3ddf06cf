import { Container, Heading, Text } from "@medusajs/ui"
import { useParams } from "react-router-dom"
import { ApiError } from "../../../components/api-error"
import { useCompanyNames } from "../../../components/companies/use-company-names"
import { BasketPreview } from "../../../components/contracts/basket-preview"
import { ContractCreditRows } from "../../../components/contracts/contract-credit"
import { ContractTerms } from "../../../components/contracts/contract-terms"
import { ContractTermsForm } from "../../../components/contracts/contract-terms-form"
import { RuleEditor } from "../../../components/contracts/rule-editor"
import { RulesTable } from "../../../components/contracts/rules-table"
import { CONTRACTS_API, type ContractResponse } from "../../../components/contracts/types"
import { PageSection } from "../../../components/page-section"
import { useAdminGet } from "../../../lib/query"

/** One contract: terms, credit position, price rules with their editor, and a basket price preview. */
const ContractPage = () => {
  const { id } = useParams()
  const contract = useAdminGet<ContractResponse>(`${CONTRACTS_API}/${id}`)
  const names = useCompanyNames([contract.data?.contract.company_id])
  if (contract.error)
    return (
      <Container>
        <ApiError error={contract.error} />
      </Container>
    )
  if (!contract.data)
    return (
      <Container>
        <Text size="small">Loading…</Text>
      </Container>
    )
  const c = contract.data.contract
  const rules = c.rules ?? []
  return (
    <div className="flex flex-col gap-y-3">
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-3">
        <Container className="divide-y p-0 xl:col-span-2">
          <div className="flex items-center justify-between px-6 py-4">
            <div>
              <Heading level="h1">{c.reference || "Contract"}</Heading>
              <Text size="small" className="text-ui-fg-subtle font-mono">
                {c.id}
              </Text>
            </div>
            <ContractTermsForm contract={c} />
          </div>
          <ContractTerms contract={c} companyName={names.get(c.company_id)} />
        </Container>
        <PageSection title="Credit" subtitle="Live, as checkout counts it">
          <ContractCreditRows contractId={c.id} />
        </PageSection>
      </div>
      <PageSection
        title="Price rules"
        subtitle="Most specific first: variant, product, category, collection, catalogue"
        actions={<RuleEditor contractId={c.id} currency={c.currency_code} />}
      >
        <RulesTable contractId={c.id} currency={c.currency_code} rules={rules} />
      </PageSection>
      <PageSection
        title="Basket preview"
        subtitle="What a cart pays under this contract, with the explanation it shows"
      >
        <BasketPreview contractId={c.id} rulesKey={rules.map((r) => r.id).join(",")} />
      </PageSection>
    </div>
  )
}

export default ContractPage
