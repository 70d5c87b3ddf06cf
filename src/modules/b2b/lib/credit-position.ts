/** A credit account: the company whose contracts grant credit, in one currency. */
export type CreditAccount = { company_id: string; currency_code: string }

/** What an account owes or has promised (see creditExposure in workflows/b2b/utils/credit-exposure.ts). */
export type CreditExposure = {
  /** Σ amount_due of open invoices issued under any of the company's contracts in the currency. */
  open_invoices_minor: bigint
  /** Σ unreleased holds that still count (countingHolds in workflows/b2b/utils/credit-exposure.ts). */
  held_minor: bigint
}

export type ContractCredit = {
  credit_limit_minor: bigint
  /** Σ amount_due_minor of the open invoices under any of the company's contracts in this currency (renewals included). */
  open_balance_minor: bigint
  /** Σ holds of net-terms orders (and edits) whose invoice record does not exist yet. */
  held_minor: bigint
  /** credit_limit − open balance − held; negative when the account is over its limit. */
  available_credit_minor: bigint
}

export function creditPosition(limitMinor: bigint, exposure: CreditExposure): ContractCredit {
  return {
    credit_limit_minor: limitMinor,
    open_balance_minor: exposure.open_invoices_minor,
    held_minor: exposure.held_minor,
    available_credit_minor: limitMinor - exposure.open_invoices_minor - exposure.held_minor,
  }
}
