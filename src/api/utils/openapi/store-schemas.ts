import { z } from "@medusajs/framework/zod"
import { EMPLOYEE_ROLES } from "../../../modules/b2b/lib/roles"
import { SPENDING_PERIODS } from "../../../modules/b2b/lib/spending-periods"
import { PAYMENT_TERMS } from "../../../modules/b2b/models/contract"
import { INVOICE_STATUSES } from "../../../modules/invoicing/models/invoice"
import { anyJson, currencyCode, dateTime, minor, named, offsetPage } from "../../openapi/schemas"
import {
  ApprovalCart,
  ApprovalRequestPage,
  ApprovalRequestView,
  ApprovalRuleView,
  CompanyAddress,
  EmployeeInvite,
} from "./b2b-admin-schemas"

/**
 * Response bodies of the storefront B2B API (/store/b2b) and of backy's
 * POST /store/customers, as the routes and their views write them
 * (src/modules/b2b/lib/buyer-views.ts, approval-document.ts,
 * src/modules/invoicing/lib/invoice-views.ts, …). Quote bodies are shared
 * with the admin side: quote-schemas.ts.
 */

/**
 * A missing or invalid login: Medusa's authenticate middleware answers it
 * itself, before backy's error handler, in Medusa's own shape (README,
 * "Errors": the documented exception to `{type, message}`).
 */
export const MedusaUnauthorized = named(
  "MedusaUnauthorized",
  z.object({ message: z.string().meta({ example: "Unauthorized" }) })
)

/** The 401 of a route behind Medusa's customer authentication. */
export const customerUnauthorized = {
  description: "Not logged in as a customer (Medusa's own answer, without `type`)",
  schema: MedusaUnauthorized,
}

// ── Company, employee, contract ─────────────────────────────────────────────

/** What a buyer sees of their company (companyForBuyer). */
export const BuyerCompany = named(
  "BuyerCompany",
  z.object({
    id: z.string(),
    name: z.string(),
    billing_email: z.string(),
    billing_address: CompanyAddress.nullable(),
    tax_ids: z.array(z.object({ type: z.string().meta({ example: "eu_vat" }), value: z.string() })),
    currency_code: currencyCode(),
    parent_company_id: z.string().nullable(),
    po_required: z.boolean().meta({ description: "Orders must carry a purchase-order number" }),
  })
)

const employeeLimitFields = {
  id: z.string(),
  role: z.enum(EMPLOYEE_ROLES),
  spending_limit_period: z.enum(SPENDING_PERIODS),
  spending_limit_minor: minor().nullable().meta({ description: "null = no limit" }),
}

/** The caller's spending position in their limit's current period (spendingAllowance). */
const Spending = z.object({
  period: z.enum(SPENDING_PERIODS),
  currency_code: currencyCode(),
  limit_minor: minor(),
  spent_minor: minor().meta({ description: "Orders placed since `since` (0 for a per-order limit)" }),
  remaining_minor: minor(),
  since: dateTime().nullable().meta({ description: "Start of the current period; null for a per-order limit" }),
})

/** GET /store/b2b/company. */
export const CompanyOverview = z.object({
  company: BuyerCompany,
  employee: z.object({
    ...employeeLimitFields,
    spending: Spending.nullable().meta({ description: "null without a spending limit" }),
  }),
})

/** An employee as the company's admins see it (employeeForCompanyAdmin). */
export const CompanyEmployee = named(
  "CompanyEmployee",
  z.object({
    ...employeeLimitFields,
    email: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    has_account: z.boolean().meta({ description: "false until the person has signed up with their invite" }),
    status: z.enum(["active", "deactivated"]),
    deactivated_at: dateTime().nullable(),
    created_at: dateTime().nullable(),
  })
)

export const CompanyEmployeePage = z.object({ employees: z.array(CompanyEmployee), ...offsetPage })

export const CompanyEmployeeEnvelope = z.object({ employee: CompanyEmployee })

/** POST /store/b2b/employees: the new employee and the invite they sign up with. */
export const InvitedEmployee = z.object({
  employee: CompanyEmployee,
  invite: EmployeeInvite,
})

/** A contract's terms with its live credit position (contractTermsForBuyer). */
export const BuyerContract = named(
  "BuyerContract",
  z.object({
    id: z.string(),
    reference: z.string().nullable(),
    currency_code: currencyCode(),
    valid_from: dateTime(),
    valid_to: dateTime().nullable(),
    status: z.enum(["active", "terminated"]),
    payment_terms: z.enum(PAYMENT_TERMS),
    credit_limit_minor: minor(),
    open_balance_minor: minor().meta({ description: "Open invoices and holds of orders not invoiced yet" }),
    available_credit_minor: minor(),
    company_id: z.string().meta({ description: "The owner: the buyer's company, or an ancestor it inherits from" }),
    inherited: z.boolean(),
  })
)

export const BuyerContractEnvelope = z.object({ contract: BuyerContract })

// ── Price quote ─────────────────────────────────────────────────────────────

const PricedLineView = named(
  "PricedLine",
  z.object({
    variant_id: z.string(),
    quantity: z.number().int(),
    unit_price_minor: minor(),
    line_total_minor: minor().meta({ description: "Always unit_price_minor × quantity" }),
    base_unit_price_minor: minor().nullable().meta({ description: "Medusa's own price; null when it has none" }),
    rule: z
      .object({
        id: z.string(),
        type: z.enum(["fixed_price", "tiered_price", "discount"]),
        level: z.enum(["variant", "product", "category", "collection", "catalogue"]),
        mode: z.enum(["volume", "graduated"]).optional().meta({ description: "tiered_price rules" }),
        kind: z.enum(["percentage", "fixed_amount"]).optional().meta({ description: "discount rules" }),
      })
      .nullable()
      .meta({ description: "The contract rule that prices the line; null when Medusa's price applies" }),
    explanation: z.string().meta({ example: "Volume tier 100+ at 9.50 USD (rule cpr_123)" }),
    rounding: z
      .object({ exact_total_minor: minor(), line_total_minor: minor(), rounding_delta_minor: minor() })
      .optional()
      .meta({ description: "Graduated tiers only: how the line total was rounded" }),
  })
)

export const PriceQuoteEnvelope = z.object({
  quote: z.object({
    currency_code: currencyCode(),
    company_id: z.string(),
    contract_id: z.string().nullable(),
    contract_company_id: z
      .string()
      .nullable()
      .meta({ description: "The contract's owner (an ancestor when inherited)" }),
    lines: z.array(PricedLineView),
    total_minor: minor(),
  }),
})

// ── Invoices and orders ─────────────────────────────────────────────────────

/** What a buyer sees of an invoice (toStoreInvoice): no Stripe ids. */
export const StoreInvoiceView = named(
  "StoreInvoice",
  z.object({
    id: z.string(),
    number: z.string().nullable(),
    status: z
      .enum(INVOICE_STATUSES.filter((s) => s !== "draft") as ["pending", "open", "paid", "uncollectible", "void"])
      .meta({ description: "pending until Stripe has it open" }),
    overdue: z.boolean(),
    order_id: z.string(),
    company_id: z.string(),
    kind: z.enum(["order", "reissue", "supplementary"]),
    replaces_invoice_id: z.string().nullable(),
    currency_code: currencyCode(),
    payment_terms: z.string().meta({ example: "net_30" }),
    total_minor: minor(),
    amount_due_minor: minor(),
    amount_paid_minor: minor(),
    credit_applied_minor: minor(),
    credited_minor: minor(),
    due_at: dateTime().nullable(),
    paid_at: dateTime().nullable(),
    hosted_invoice_url: z.string().nullable().meta({ description: "Stripe's page to pay it" }),
    created_at: dateTime().nullable(),
  })
)

export const StoreInvoicePage = z.object({
  invoices: z.array(StoreInvoiceView),
  ...offsetPage,
  credit: z
    .object({
      currency_code: currencyCode(),
      credit_limit_minor: minor(),
      open_invoices_minor: minor(),
      reserved_minor: minor().meta({ description: "Held by net-terms orders not invoiced yet" }),
      available_minor: minor(),
    })
    .nullable()
    .meta({ description: "Net-terms credit of the company; null without an active contract" }),
})

export const StoreInvoiceEnvelope = z.object({ invoice: StoreInvoiceView })

const CompanyOrder = named(
  "CompanyOrder",
  z.object({
    id: z.string(),
    display_id: z.number().int(),
    status: z.string().meta({ example: "pending" }),
    total_minor: minor(),
    currency_code: currencyCode(),
    created_at: dateTime(),
    email: z.string().nullable(),
    customer_id: z.string(),
    po_number: z.string().nullable(),
    company_id: z.string(),
  })
)

export const CompanyOrderPage = z.object({ orders: z.array(CompanyOrder), ...offsetPage })

// ── Approvals ───────────────────────────────────────────────────────────────

/** Approval requests and rules have one shape for buyers and staff: b2b-admin-schemas.ts. */
export { ApprovalRequestPage }

export const ApprovalRequestEnvelope = z.object({ approval_request: ApprovalRequestView })

export const ApprovalRequestDetail = z.object({
  approval_request: ApprovalRequestView,
  cart: ApprovalCart.nullable().meta({ description: "null when the cart no longer exists" }),
  can_decide: z.boolean(),
  cannot_decide_reason: z.string().nullable(),
})

export const ApprovalRuleList = z.object({
  approval_rules: z.array(ApprovalRuleView),
  approval_ttl_hours: z.number().int().meta({ description: "How long a request waits for its decisions" }),
})

export const ApprovalRuleEnvelope = z.object({ approval_rule: ApprovalRuleView })

// ── Sign-up (POST /store/customers) ─────────────────────────────────────────

const StoreCustomerAddress = z.object({
  id: z.string(),
  address_name: z.string().nullable(),
  company: z.string().nullable(),
  customer_id: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  address_1: z.string().nullable(),
  address_2: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  postal_code: z.string().nullable(),
  country_code: z.string().nullable(),
  phone: z.string().nullable(),
  metadata: z.record(z.string(), anyJson()).nullable(),
  is_default_shipping: z.boolean(),
  is_default_billing: z.boolean(),
  created_at: dateTime(),
  updated_at: dateTime(),
})

/** Medusa's store customer with its default fields. */
export const StoreCustomerEnvelope = z.object({
  customer: z.object({
    id: z.string(),
    email: z.string().nullable(),
    company_name: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    phone: z.string().nullable(),
    metadata: z.record(z.string(), anyJson()).nullable(),
    has_account: z.boolean(),
    deleted_at: dateTime().nullable(),
    created_at: dateTime(),
    updated_at: dateTime(),
    addresses: z.array(StoreCustomerAddress),
  }),
})

/**
 * The sign-up body as documented: Medusa's StoreCreateCustomer (which its own
 * middleware validates), with the employee invite in `metadata.invite_token`
 * (StoreCustomerInvite, which the route checks).
 */
export const StoreSignUpBody = z
  .object({
    email: z.email().nullish(),
    company_name: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    phone: z.string().nullish(),
    metadata: z
      .looseObject({
        invite_token: z
          .string()
          .min(1)
          .max(4096)
          .optional()
          .meta({ description: "The employee invite (POST /store/b2b/employees or staff); not stored" }),
      })
      .nullish(),
  })
  .strict()
