import type { PaymentTerms } from "../models/contract"
import type { PriceRuleRecord } from "../lib/to-engine-rule"

/**
 * A contract as pricing and the buyer's views read it. Not `price_list_id`:
 * the price-list sync writes it without changing any price. Money is an exact
 * decimal string of minor units, never a float.
 */
export type ContractRow = {
  id: string
  company_id: string
  reference: string | null
  currency_code: string
  valid_from: Date
  valid_to: Date | null
  payment_terms: PaymentTerms
  credit_limit_minor: string
  status: "active" | "terminated"
}

/**
 * Which contracts may apply to a company in one currency: the company and its
 * ancestors, nearest first, each with its active contracts whatever their
 * validity window. Which one applies is decided at request time
 * (activeContractIn), so a cached chain never freezes a contract's start or end.
 */
export type ContractChain = { company_id: string; contracts: ContractRow[] }[]

/** The contract that applies, with its rules (B2bModuleService.resolveActiveContract). */
export type ResolvedContract = {
  contract: ContractRow & { rules: readonly PriceRuleRecord[] }
  owner_company_id: string
}

/** The nearest company of the chain with a contract valid at `at`, and that contract. */
export function activeContractIn(
  chain: ContractChain,
  at: Date
): { contract: ContractRow; owner_company_id: string } | null {
  const now = at.getTime()
  for (const link of chain) {
    const contract = link.contracts.find(
      (c) => c.valid_from.getTime() <= now && now < (c.valid_to?.getTime() ?? Infinity)
    )
    if (contract) return { contract, owner_company_id: link.company_id }
  }
  return null
}

/** A contract record from the module (dates as Date or string, the limit as BigNumber fields) → ContractRow. */
export function toContractRow(record: {
  id: string
  company_id: string
  reference?: string | null
  currency_code: string
  valid_from: Date | string
  valid_to?: Date | string | null
  payment_terms: PaymentTerms
  credit_limit_minor?: unknown
  raw_credit_limit_minor?: unknown
  status: "active" | "terminated"
}): ContractRow {
  return {
    id: record.id,
    company_id: record.company_id,
    reference: record.reference ?? null,
    currency_code: record.currency_code,
    valid_from: new Date(record.valid_from),
    valid_to: record.valid_to ? new Date(record.valid_to) : null,
    payment_terms: record.payment_terms,
    credit_limit_minor: exactMinor(record.raw_credit_limit_minor, record.credit_limit_minor),
    status: record.status,
  }
}

/**
 * The credit limit as integer digits: the BigNumber's raw value when it is an
 * integer string (exact at any size), else the number's own digits.
 */
function exactMinor(raw: unknown, value: unknown): string {
  const rawValue = (raw as { value?: unknown } | null | undefined)?.value
  if (typeof rawValue === "string" && /^-?\d+$/.test(rawValue)) return rawValue
  return String(value ?? 0)
}

export function encodeChain(chain: ContractChain): string {
  return JSON.stringify(chain)
}

/** JSON carries dates as ISO strings; everything else (ids, money strings) comes back as it was. */
export function decodeChain(json: string): ContractChain {
  const chain = JSON.parse(json) as { company_id: string; contracts: (ContractRow & { valid_from: string })[] }[]
  return chain.map((link) => ({
    company_id: link.company_id,
    contracts: link.contracts.map((c) => ({
      ...c,
      valid_from: new Date(c.valid_from),
      valid_to: c.valid_to ? new Date(c.valid_to) : null,
    })),
  }))
}

/**
 * Rule rows hold no float: prices are numeric columns (strings from
 * Postgres), tiers jsonb with integer or string prices, percentages text.
 */
export function encodeRules(rules: readonly PriceRuleRecord[]): string {
  return JSON.stringify(rules)
}

export function decodeRules(json: string): PriceRuleRecord[] {
  return JSON.parse(json) as PriceRuleRecord[]
}
