/** Shapes of backy's /admin/contracts answers, as the pages read them. Amounts are integer minor units. */

export const CONTRACTS_API = "/admin/contracts"

export const PAYMENT_TERMS = ["due_on_receipt", "net_7", "net_15", "net_30", "net_45", "net_60", "net_90"] as const
export type PaymentTerms = (typeof PAYMENT_TERMS)[number]

type Target = { variant_id?: string | null; sku?: string | null }

export type ContractRule = { id: string } & (
  | ({ type: "fixed_price"; unit_price_minor: number } & Target)
  | ({
      type: "tiered_price"
      tier_mode: "volume" | "graduated"
      tiers: { min_quantity: number; unit_price_minor: number }[]
    } & Target)
  | {
      type: "discount"
      scope: "product" | "category" | "collection" | "catalogue"
      scope_id?: string | null
      discount_kind: "percentage" | "fixed_amount"
      percentage?: string
      amount_off_minor?: number
    }
  | ({ type: "quantity_constraint"; min_quantity?: number | null; increment?: number | null } & Target)
)

export type AdminContract = {
  id: string
  reference: string | null
  company_id: string
  currency_code: string
  valid_from: string
  valid_to: string | null
  payment_terms: PaymentTerms
  credit_limit_minor: number | string
  status: "active" | "terminated"
  price_list_id: string | null
  created_at: string
  rules?: ContractRule[]
}

export type ContractListResponse = { contracts: AdminContract[]; count: number; offset: number; limit: number }
export type ContractResponse = { contract: AdminContract }

export type ContractCredit = {
  contract_id: string
  currency_code: string
  credit_limit_minor: number
  open_balance_minor: number
  held_minor: number
  available_credit_minor: number
}

export type PreviewLine = {
  variant_id: string
  sku: string | null
  title: string
  quantity: number
  unit_price_minor: number
  line_total_minor: number
  catalogue_unit_price_minor: number | null
  rule: { id: string; type: string; level: string } | null
  explanation: string
}

export type ContractPreview = { contract_id: string; currency_code: string; lines: PreviewLine[]; total_minor: number }

/** "net_30" → "Net 30", "due_on_receipt" → "Due on receipt". */
export function termsLabel(terms: string): string {
  const text = terms.replace(/_/g, " ")
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** In effect now: active and inside its validity window. */
export function inEffect(contract: AdminContract, now = Date.now()): boolean {
  const from = new Date(contract.valid_from).getTime()
  const to = contract.valid_to ? new Date(contract.valid_to).getTime() : Infinity
  return contract.status === "active" && from <= now && now < to
}
