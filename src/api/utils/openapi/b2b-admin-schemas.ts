import { z } from "@medusajs/framework/zod"
import {
  APPROVAL_CONDITIONS,
  APPROVAL_RULE_AUTHORS,
  APPROVAL_STATUSES,
  APPROVERS,
} from "../../../modules/b2b/lib/approval-vocabulary"
import { EMPLOYEE_ROLES } from "../../../modules/b2b/lib/roles"
import { SPENDING_PERIODS } from "../../../modules/b2b/lib/spending-periods"
import { PAYMENT_TERMS } from "../../../modules/b2b/models/contract"
import { anyJson, dateTime, minor, named, offsetPage } from "../../openapi/schemas"
import { minorString } from "./quote-schemas"

/**
 * Response bodies of the B2B admin API (companies, employees, contracts,
 * approvals) as the routes write them. Company, employee and contract
 * amounts are JSON integers; the approval request writes `total_minor` as an
 * integer string (src/modules/b2b/lib/approval-document.ts), as quotes do.
 */

// ——— Companies and employees (src/api/admin/companies/query-config.ts) ———

/** A stored billing address (AdminAddress as written: optional parts may be absent or null). */
export const CompanyAddress = named(
  "CompanyAddress",
  z.object({
    company: z.string().nullable().optional(),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    address_1: z.string(),
    address_2: z.string().nullable().optional(),
    city: z.string(),
    province: z.string().nullable().optional(),
    postal_code: z.string(),
    country_code: z.string().meta({ description: "Lower case ISO 3166-1 alpha-2" }),
    phone: z.string().nullable().optional(),
  })
)

const companyFields = {
  id: z.string(),
  name: z.string(),
  billing_email: z.string(),
  billing_address: CompanyAddress.nullable(),
  tax_ids: z
    .array(z.object({ type: z.string(), value: z.string() }))
    .nullable()
    .meta({ description: 'Stripe tax ids: `{ type: "eu_vat", value: "DE123456789" }`' }),
  currency_code: z.string(),
  parent_company_id: z.string().nullable(),
  stripe_customer_id: z.string().nullable(),
  erp_account_number: z.string().nullable(),
  po_required: z.boolean(),
  approval_ttl_hours: z.number().int().meta({ description: "How long an approval request waits for its decisions" }),
  metadata: z.record(z.string(), anyJson()).nullable(),
  created_at: dateTime(),
  updated_at: dateTime(),
  customer_group: z
    .object({ id: z.string(), name: z.string().nullable() })
    .nullable()
    .meta({ description: "The company's customer group (contract prices and B2B checkout follow it)" }),
}

/** A company in a list (no employees). */
export const AdminCompanySummary = named("AdminCompanySummary", z.object(companyFields))

/** An employee as embedded in the company. */
export const AdminCompanyEmployee = named(
  "AdminCompanyEmployee",
  z.object({
    id: z.string(),
    customer_id: z.string(),
    role: z.enum(EMPLOYEE_ROLES),
    spending_limit_minor: minor().nullable().meta({ description: "null = no limit" }),
    spending_limit_period: z.enum(SPENDING_PERIODS),
    deactivated_at: dateTime().nullable().meta({ description: "null = active" }),
  })
)

/** A company with its employees and customer group. */
export const AdminCompany = named(
  "AdminCompany",
  z.object({ ...companyFields, employees: z.array(AdminCompanyEmployee) })
)

export const AdminCompanyPage = z.object({ companies: z.array(AdminCompanySummary), ...offsetPage })

/** An employee with its customer (adminEmployeeFields). */
export const AdminEmployee = named(
  "AdminEmployee",
  z.object({
    id: z.string(),
    company_id: z.string(),
    customer_id: z.string(),
    role: z.enum(EMPLOYEE_ROLES),
    spending_limit_minor: minor().nullable().meta({ description: "null = no limit" }),
    spending_limit_period: z.enum(SPENDING_PERIODS),
    deactivated_at: dateTime()
      .nullable()
      .meta({ description: "null = active; set = deactivated (buys as a customer of no company)" }),
    created_at: dateTime(),
    updated_at: dateTime(),
    customer: z
      .object({
        id: z.string(),
        email: z.string().nullable(),
        first_name: z.string().nullable(),
        last_name: z.string().nullable(),
      })
      .nullable(),
  })
)

/** A storefront invite, shown once: staff send it to the person, who signs up with it. */
export const EmployeeInvite = named(
  "EmployeeInvite",
  z.object({
    token: z.string().meta({ description: "Shown this once; pass as `metadata.invite_token` when signing up" }),
    expires_at: dateTime(),
  })
)

// ——— Contracts (src/api/admin/contracts/query-config.ts, toRuleOutput) ———

const contractFields = {
  id: z.string(),
  reference: z.string().nullable(),
  company_id: z.string(),
  currency_code: z.string(),
  valid_from: dateTime(),
  valid_to: dateTime().nullable(),
  payment_terms: z.enum(PAYMENT_TERMS),
  credit_limit_minor: minor(),
  status: z.enum(["active", "terminated"]),
  price_list_id: z
    .string()
    .nullable()
    .meta({ description: "The Medusa price list showing the contract's prices; null until the first sync" }),
  created_at: dateTime(),
  updated_at: dateTime(),
}

const ruleCommon = { id: z.string(), created_at: dateTime(), updated_at: dateTime() }
const ruleTarget = { variant_id: z.string().nullable(), sku: z.string().nullable() }

/** A contract price rule as the admin API returns it: the fields of its type only. */
export const ContractRule = named(
  "ContractRule",
  z.discriminatedUnion("type", [
    z.object({ ...ruleCommon, type: z.literal("fixed_price"), ...ruleTarget, unit_price_minor: minor() }),
    z.object({
      ...ruleCommon,
      type: z.literal("tiered_price"),
      ...ruleTarget,
      tier_mode: z.enum(["volume", "graduated"]),
      tiers: z.array(z.object({ min_quantity: z.number().int(), unit_price_minor: minor() })),
    }),
    z.object({
      ...ruleCommon,
      type: z.literal("discount"),
      scope: z.enum(["product", "category", "collection", "catalogue"]),
      scope_id: z.string().nullable(),
      discount_kind: z.enum(["percentage", "fixed_amount"]),
      percentage: z.string().optional().meta({ description: 'A percentage discount, as a decimal string ("12.5")' }),
      amount_off_minor: minor().optional().meta({ description: "A fixed_amount discount" }),
    }),
    z.object({
      ...ruleCommon,
      type: z.literal("quantity_constraint"),
      ...ruleTarget,
      min_quantity: z.number().int().nullable(),
      increment: z.number().int().nullable(),
    }),
  ])
)

/** A contract in a list (no rules). */
export const AdminContractSummary = named("AdminContractSummary", z.object(contractFields))

/** A contract with its rules. */
export const AdminContract = named("AdminContract", z.object({ ...contractFields, rules: z.array(ContractRule) }))

export const AdminContractPage = z.object({ contracts: z.array(AdminContractSummary), ...offsetPage })

/** The live credit position of a contract's account (company and currency), as checkout counts it. */
export const ContractCredit = named(
  "ContractCredit",
  z.object({
    contract_id: z.string(),
    currency_code: z.string(),
    credit_limit_minor: minor(),
    open_balance_minor: minor().meta({ description: "Open invoices of the company in this currency" }),
    held_minor: minor().meta({ description: "Holds of orders not invoiced yet" }),
    available_credit_minor: minor(),
  })
)

/** The rule that priced a line (null: Medusa's price alone). */
const AppliedRule = z.object({
  id: z.string(),
  type: z.enum(["fixed_price", "tiered_price", "discount"]),
  level: z.enum(["variant", "product", "category", "collection", "catalogue"]),
  mode: z.enum(["volume", "graduated"]).optional().meta({ description: "tiered_price rules" }),
  kind: z.enum(["percentage", "fixed_amount"]).optional().meta({ description: "discount rules" }),
})

/** A basket priced by one contract's rules (reads only). */
export const ContractPreview = named(
  "ContractPreview",
  z.object({
    contract_id: z.string(),
    currency_code: z.string(),
    lines: z.array(
      z.object({
        variant_id: z.string(),
        sku: z.string().nullable(),
        title: z.string(),
        quantity: z.number().int(),
        unit_price_minor: minor(),
        line_total_minor: minor(),
        catalogue_unit_price_minor: minor()
          .nullable()
          .meta({ description: "Medusa's own price in the contract currency; null when it has none" }),
        rule: AppliedRule.nullable(),
        explanation: z.string().meta({ example: "Volume tier 100+ at 9.50 USD (rule cpr_123)" }),
      })
    ),
    total_minor: minor(),
  })
)

// ——— Approvals (src/modules/b2b/lib/approval-document.ts; shared by store and admin) ———

/** An approval rule of a company, as stored (company admins' and the merchant's). */
export const ApprovalRuleView = named(
  "ApprovalRule",
  z.object({
    id: z.string(),
    company_id: z.string(),
    condition: z.enum(APPROVAL_CONDITIONS),
    currency_code: z.string().nullable(),
    amount_minor: minor().nullable(),
    role: z.enum(EMPLOYEE_ROLES).nullable(),
    approver: z.enum(APPROVERS),
    second_level_above_minor: minor().nullable(),
    second_level_approver: z.enum(APPROVERS).nullable(),
    created_by: z.enum(APPROVAL_RULE_AUTHORS),
    created_at: dateTime(),
    updated_at: dateTime(),
    deleted_at: dateTime().nullable(),
  })
)

/** An approval request (toApprovalDocument): one shape for buyers, approvers, staff and partners. */
export const ApprovalRequestView = named(
  "ApprovalRequest",
  z.object({
    id: z.string(),
    company_id: z.string(),
    cart_id: z.string(),
    customer_id: z.string(),
    employee_id: z.string(),
    status: z.enum(APPROVAL_STATUSES),
    currency_code: z.string(),
    total_minor: minorString(),
    levels: z.array(z.object({ approver: z.enum(APPROVERS), reasons: z.array(z.string()) })),
    current_level: z.number().int().meta({ description: "Index in levels of the level that waits" }),
    waiting_for: z
      .enum(APPROVERS)
      .nullable()
      .meta({ description: "Who must decide next; null once the request is no longer pending" }),
    decisions: z.array(
      z.object({
        level: z.number().int(),
        approver: z.enum(APPROVERS),
        decision: z.enum(["approved", "rejected"]),
        actor_type: z.enum(["employee", "user"]),
        actor_id: z.string(),
        comment: z.string().nullable(),
        at: dateTime(),
      })
    ),
    credit_override: z.boolean().meta({ description: "Merchant staff approved going beyond the credit limit" }),
    expires_at: dateTime(),
    decided_at: dateTime().nullable(),
    order_id: z.string().nullable(),
    created_at: dateTime(),
  })
)

/** The priced cart an approver decides on (approvalCartView), each line with its contract explanation. */
export const ApprovalCart = named(
  "ApprovalCart",
  z.object({
    id: z.string(),
    currency_code: z.string(),
    email: z.string().nullable(),
    po_number: z.string().nullable(),
    subtotal: z.number(),
    discount_total: z.number(),
    shipping_total: z.number(),
    tax_total: z.number(),
    total: z.number(),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        variant_id: z.string().nullable(),
        variant_sku: z.string().nullable(),
        quantity: z.number(),
        unit_price: z.number(),
        subtotal: z.number(),
        total: z.number(),
        contract_rule_id: z.string().nullable(),
        price_explanation: z.string().nullable(),
      })
    ),
    shipping_methods: z.array(z.object({ id: z.string(), name: z.string(), amount: z.number() })),
  })
)

export const ApprovalRequestPage = z.object({
  approval_requests: z.array(ApprovalRequestView),
  count: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
})
