// Which approvals an order needs under a company's rules, and who may give each one.
import { toMajorString } from "../../../lib/money"
import type { ApprovalLevel } from "../models/approval-request"
import { APPROVERS, type ApprovalCondition, type Approver } from "./approval-vocabulary"
import type { EmployeeRole } from "./roles"

/** An approval rule as stored (amounts may come back from the database as strings or numbers). */
export type ApprovalRuleRecord = {
  id: string
  condition: ApprovalCondition
  currency_code?: string | null
  amount_minor?: unknown
  role?: string | null
  approver: Approver
  second_level_above_minor?: unknown
  second_level_approver?: Approver | null
}

/** What the rules look at in a checkout. */
export type ApprovalFacts = {
  currency_code: string
  total_minor: bigint
  role: EmployeeRole
  /** The order goes beyond what remains of the buyer's spending limit. */
  over_spending_limit: boolean
  /** A net-terms order that does not fit in the contract's available credit. */
  over_credit_limit: boolean
}

const minor = (value: unknown): bigint | null => (value === null || value === undefined ? null : BigInt(String(value)))

function conditionHolds(rule: ApprovalRuleRecord, facts: ApprovalFacts): string | null {
  const money = (amount: bigint) => `${toMajorString(amount, facts.currency_code)} ${facts.currency_code.toUpperCase()}`
  switch (rule.condition) {
    case "order_total_above": {
      const above = minor(rule.amount_minor)
      if (above === null || rule.currency_code?.toLowerCase() !== facts.currency_code.toLowerCase()) return null
      return facts.total_minor > above ? `order total ${money(facts.total_minor)} is above ${money(above)}` : null
    }
    case "over_spending_limit":
      return facts.over_spending_limit ? "the order is over the buyer's spending limit" : null
    case "role":
      return rule.role === facts.role ? `every order of a ${facts.role} needs approval` : null
    case "over_credit_limit":
      return facts.over_credit_limit ? "the order exceeds the contract's available credit" : null
  }
}

/**
 * The levels an order needs, in the order they are decided (approver, then
 * company admin, then merchant: APPROVERS), each with the reasons of the
 * rules that asked for it; empty when no rule applies. A rule's second level
 * applies when the order total is above its `second_level_above_minor`
 * (in the order's currency). Over-credit orders always go to the merchant:
 * only the merchant can lend beyond the contract.
 */
export function requiredApprovalLevels(rules: ApprovalRuleRecord[], facts: ApprovalFacts): ApprovalLevel[] {
  const reasons = new Map<Approver, string[]>()
  const need = (approver: Approver, reason: string) => reasons.set(approver, [...(reasons.get(approver) ?? []), reason])
  for (const rule of rules) {
    const reason = conditionHolds(rule, facts)
    if (!reason) continue
    need(rule.condition === "over_credit_limit" ? "merchant" : rule.approver, `${reason} (rule ${rule.id})`)
    const secondAbove = minor(rule.second_level_above_minor)
    if (rule.second_level_approver && secondAbove !== null && facts.total_minor > secondAbove) {
      const amount = `${toMajorString(secondAbove, facts.currency_code)} ${facts.currency_code.toUpperCase()}`
      need(rule.second_level_approver, `second level above ${amount} (rule ${rule.id})`)
    }
  }
  return APPROVERS.filter((a) => reasons.has(a)).map((approver) => ({ approver, reasons: reasons.get(approver)! }))
}

/** Whether any rule covers the condition (else the checkout refuses as it always did). */
export function rulesCover(rules: ApprovalRuleRecord[], condition: ApprovalCondition): boolean {
  return rules.some((r) => r.condition === condition)
}

/** Someone deciding a level: an employee (with the companies they act for) or merchant staff. */
export type ApprovalActor =
  | { type: "employee"; customer_id: string; role: EmployeeRole; company_id: string; ancestor_admin_of: string[] }
  | { type: "user"; user_id: string }

/**
 * Who may decide a level of a request of `companyId`: merchant staff any
 * level (they run the store); the company's admins its approver and
 * company-admin levels, as may admins of a parent company; its approvers the
 * approver level. Never the buyer who asked (four eyes).
 */
export function mayDecideLevel(
  actor: ApprovalActor,
  level: Approver,
  request: { company_id: string; customer_id: string }
): string | null {
  if (actor.type === "user") return null
  if (actor.customer_id === request.customer_id) return "you cannot decide your own approval request"
  if (level === "merchant") return "this level is decided by the merchant's staff"
  const ownCompany = actor.company_id === request.company_id
  const parentAdmin = actor.role === "admin" && actor.ancestor_admin_of.includes(request.company_id)
  if (level === "company_admin" && actor.role === "admin" && (ownCompany || parentAdmin)) return null
  if (
    level === "approver" &&
    ((ownCompany && actor.role === "approver") || (actor.role === "admin" && (ownCompany || parentAdmin)))
  )
    return null
  return `this level is decided by the company's ${level === "company_admin" ? "admins" : "approvers or admins"}`
}
