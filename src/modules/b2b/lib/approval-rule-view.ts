import { jsonMinor } from "./buyer-views"

type BigNumberRaw = { value: string | number } | null | undefined

/** An approval rule as the module returns it: Medusa's bigNumber columns come with their `raw_*` twins. */
export type ApprovalRuleRow = {
  id: string
  company_id: string
  condition: string
  currency_code: string | null
  amount_minor: unknown
  raw_amount_minor?: BigNumberRaw
  role: string | null
  approver: string
  second_level_above_minor: unknown
  raw_second_level_above_minor?: BigNumberRaw
  second_level_approver: string | null
  created_by: string
  created_at: Date | string
  updated_at: Date | string
  deleted_at?: Date | string | null
}

/**
 * What the admin and store APIs show of an approval rule: amounts as integer
 * minor units read from the exact raw value, not Medusa's internal `raw_*`
 * fields beside them.
 */
export function approvalRuleView(rule: ApprovalRuleRow) {
  return {
    id: rule.id,
    company_id: rule.company_id,
    condition: rule.condition,
    currency_code: rule.currency_code,
    amount_minor: minorOrNull(rule.raw_amount_minor, rule.amount_minor),
    role: rule.role,
    approver: rule.approver,
    second_level_above_minor: minorOrNull(rule.raw_second_level_above_minor, rule.second_level_above_minor),
    second_level_approver: rule.second_level_approver,
    created_by: rule.created_by,
    created_at: new Date(rule.created_at).toISOString(),
    updated_at: new Date(rule.updated_at).toISOString(),
    deleted_at: rule.deleted_at ? new Date(rule.deleted_at).toISOString() : null,
  }
}

function minorOrNull(raw: BigNumberRaw, value: unknown): number | null {
  const exact = raw?.value ?? value
  if (exact === null || exact === undefined) return null
  return jsonMinor(BigInt(String(exact)))
}
