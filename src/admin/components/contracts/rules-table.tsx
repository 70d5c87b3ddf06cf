import { Badge, Button, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useAdminAction, errorText } from "../../lib/query"
import { ruleTarget, ruleTerms, ruleTypeLabel } from "./rule-text"
import { CONTRACTS_API, type ContractRule } from "./types"
import { useVariantLabels } from "./use-variants"

/** A contract's price rules in words, each with a delete action (confirmed first). */
export const RulesTable = ({
  contractId,
  currency,
  rules,
}: {
  contractId: string
  currency: string
  rules: ContractRule[]
}) => {
  const variants = useVariantLabels(rules.map((r) => ("variant_id" in r ? r.variant_id : null)))
  if (!rules.length)
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No price rules: Medusa's prices apply
      </Text>
    )
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Type</Table.HeaderCell>
          <Table.HeaderCell>Applies to</Table.HeaderCell>
          <Table.HeaderCell>Terms</Table.HeaderCell>
          <Table.HeaderCell>Rule</Table.HeaderCell>
          <Table.HeaderCell />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rules.map((rule) => (
          <Table.Row key={rule.id}>
            <Table.Cell>
              <Badge size="2xsmall">{ruleTypeLabel(rule)}</Badge>
            </Table.Cell>
            <Table.Cell>{ruleTarget(rule, variants)}</Table.Cell>
            <Table.Cell>{ruleTerms(rule, currency)}</Table.Cell>
            <Table.Cell>
              <span className="font-mono text-xs">{rule.id}</span>
            </Table.Cell>
            <Table.Cell className="text-right">
              <DeleteRule contractId={contractId} ruleId={rule.id} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

const DeleteRule = ({ contractId, ruleId }: { contractId: string; ruleId: string }) => {
  const prompt = usePrompt()
  const remove = useAdminAction<void>("DELETE", `${CONTRACTS_API}/${contractId}/rules/${ruleId}`, [CONTRACTS_API])
  const onClick = async () => {
    const confirmed = await prompt({
      title: "Delete this rule?",
      description: "Carts priced from now on no longer use it.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    remove.mutate(undefined, {
      onSuccess: () => toast.success("Rule deleted"),
      onError: (e) => toast.error(errorText(e)),
    })
  }
  return (
    <Button size="small" variant="transparent" onClick={onClick} isLoading={remove.isPending}>
      Delete
    </Button>
  )
}
