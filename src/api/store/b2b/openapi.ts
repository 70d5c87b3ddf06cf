import { z } from "@medusajs/framework/zod"
import type { Operation } from "../../openapi/operation"
import { CUSTOMER } from "../../openapi/operation"
import { ApprovalDecisionBody, ApprovalRuleBody, ListApprovalRequestsQuery } from "../../utils/approval-validators"
import { QuoteEnvelope, QuoteMessageView, QuoteSummary } from "../../utils/openapi/quote-schemas"
import {
  ApprovalRequestDetail,
  ApprovalRequestEnvelope,
  ApprovalRequestPage,
  ApprovalRuleEnvelope,
  ApprovalRuleList,
  BuyerCompany,
  BuyerContractEnvelope,
  CompanyEmployeeEnvelope,
  CompanyEmployeePage,
  CompanyOrderPage,
  CompanyOverview,
  customerUnauthorized,
  InvitedEmployee,
  PriceQuoteEnvelope,
  StoreInvoiceEnvelope,
  StoreInvoicePage,
} from "../../utils/openapi/store-schemas"
import { DeletedObject } from "../../utils/openapi/webhook-schemas"
import {
  ListQuotesQuery,
  QuoteMessageBody,
  QuoteReasonBody,
  QuoteRevisionRequestBody,
  StoreAcceptQuoteBody,
  StoreRequestQuoteBody,
} from "../../utils/quote-validators"
import { NoQuery } from "../../utils/validate-query"
import { EmptyBody } from "../../utils/webhook-validators"
import { StoreInviteEmployee, StoreListEmployees, StoreUpdateEmployee } from "./employees/validators"
import { StoreListInvoices } from "./invoices/validators"
import { StoreListCompanyOrders } from "./orders/validators"
import { StoreGetContractParams, StorePriceQuote } from "./validators"

const TAG_COMPANY = "Company"
const TAG_EMPLOYEES = "Company employees"
const TAG_PRICES = "Contract prices"
const TAG_APPROVALS = "Approval requests"
const TAG_APPROVAL_RULES = "Approval rules"
const TAG_QUOTES = "Quotes"
const TAG_INVOICES = "Invoices"
const TAG_ORDERS = "Company orders"

/**
 * A logged-in buyer's call (/store/b2b/*). Every route answers 404 for a
 * customer who is not an employee of a company (even without a path
 * parameter), and 403 for a role the permission table
 * (src/modules/b2b/lib/roles.ts) does not allow. A missing login is
 * Medusa's own 401 `{message}`.
 */
const buyer = (op: Omit<Operation, "audiences" | "security">): Operation => ({
  ...op,
  audiences: ["store"],
  security: CUSTOMER,
  errors: [...new Set([404, ...(op.errors ?? [])])],
  responses: { ...op.responses, 401: customerUnauthorized },
})

export const storeB2bOperations: Operation[] = [
  // Company and contract
  buyer({
    method: "get",
    path: "/store/b2b/company",
    operationId: "getMyCompany",
    summary: "My company, my role, and my spending limit with what remains of it this period",
    tags: [TAG_COMPANY],
    query: NoQuery,
    responses: { 200: { description: "The company and the caller as its employee", schema: CompanyOverview } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/companies/{id}",
    operationId: "getStoreCompany",
    summary: "My company by id (any other company, parent or child included, is 404)",
    tags: [TAG_COMPANY],
    responses: { 200: { description: "The company", schema: z.object({ company: BuyerCompany }) } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/contract",
    operationId: "getMyContract",
    summary: "The contract that prices my orders now in a currency (own or inherited), with terms and credit",
    tags: [TAG_COMPANY],
    query: StoreGetContractParams,
    responses: { 200: { description: "The contract's terms", schema: BuyerContractEnvelope } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/contracts/{id}",
    operationId: "getStoreContract",
    summary: "Terms of one of my company's contracts, or of the ancestor's contract it inherits now",
    tags: [TAG_COMPANY],
    responses: { 200: { description: "The contract's terms", schema: BuyerContractEnvelope } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/price-quote",
    operationId: "quoteContractPrices",
    summary: "What each line would cost me in a cart now, with the contract rule that prices it and why",
    description:
      "Quantity rules (minimum order quantity, increments) are enforced: a line that cannot be ordered is a 400 naming `items[i].quantity`.",
    tags: [TAG_PRICES],
    body: StorePriceQuote,
    responses: { 200: { description: "The priced lines", schema: PriceQuoteEnvelope } },
  }),

  // Employees (company admins)
  buyer({
    method: "get",
    path: "/store/b2b/employees",
    operationId: "listMyCompanyEmployees",
    summary: "My company's employees, oldest first, deactivated ones included",
    tags: [TAG_EMPLOYEES],
    query: StoreListEmployees,
    responses: { 200: { description: "A page of employees", schema: CompanyEmployeePage } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/employees",
    operationId: "inviteMyCompanyEmployee",
    summary: "Invite a new person to my company; the invite token is returned once",
    tags: [TAG_EMPLOYEES],
    body: StoreInviteEmployee,
    errors: [409],
    responses: { 201: { description: "Invited", schema: InvitedEmployee } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/employees/{id}",
    operationId: "updateMyCompanyEmployee",
    summary: "Change an employee's role, spending limit and its period",
    tags: [TAG_EMPLOYEES],
    body: StoreUpdateEmployee,
    errors: [409],
    responses: { 200: { description: "Updated", schema: CompanyEmployeeEnvelope } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/employees/{id}/deactivate",
    operationId: "deactivateMyCompanyEmployee",
    summary: "Suspend an employee: they keep their record and past orders but no longer buy for the company",
    description: "The company's last active admin cannot be deactivated (409).",
    tags: [TAG_EMPLOYEES],
    body: EmptyBody,
    errors: [409],
    responses: { 200: { description: "Deactivated", schema: CompanyEmployeeEnvelope } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/employees/{id}/reactivate",
    operationId: "reactivateMyCompanyEmployee",
    summary: "Let a deactivated employee act for the company again, role and limit as they were",
    tags: [TAG_EMPLOYEES],
    body: EmptyBody,
    errors: [409],
    responses: { 200: { description: "Reactivated", schema: CompanyEmployeeEnvelope } },
  }),

  // Approvals
  buyer({
    method: "get",
    path: "/store/b2b/approval-requests",
    operationId: "listMyApprovalRequests",
    summary: "Approval requests I see, newest first; `waiting_for_me=true` for those I may decide now",
    tags: [TAG_APPROVALS],
    query: ListApprovalRequestsQuery,
    responses: { 200: { description: "A page of approval requests", schema: ApprovalRequestPage } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/approval-requests/{id}",
    operationId: "getMyApprovalRequest",
    summary: "An approval request with the priced cart it is about, and whether I may decide it now",
    tags: [TAG_APPROVALS],
    query: NoQuery,
    responses: { 200: { description: "The request and its cart", schema: ApprovalRequestDetail } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/approval-requests/{id}/approve",
    operationId: "approveMyApprovalRequest",
    summary: "Approve the level that waits; approving the last level places the order",
    description:
      "409 when the request is no longer pending, has expired, or its cart changed since (the request is then canceled); 403 for a level the caller may not decide. When the order cannot be placed, the decision is undone and the checkout's error returned.",
    tags: [TAG_APPROVALS],
    body: ApprovalDecisionBody,
    errors: [409, 422],
    responses: { 200: { description: "Decided", schema: ApprovalRequestEnvelope } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/approval-requests/{id}/reject",
    operationId: "rejectMyApprovalRequest",
    summary: "Reject the request: the cart unlocks and the buyer may change it and ask again",
    tags: [TAG_APPROVALS],
    body: ApprovalDecisionBody,
    errors: [409],
    responses: { 200: { description: "Rejected", schema: ApprovalRequestEnvelope } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/approval-rules",
    operationId: "listMyApprovalRules",
    summary: "My company's approval rules (its own and the merchant's) and how long a request waits",
    tags: [TAG_APPROVAL_RULES],
    query: NoQuery,
    responses: { 200: { description: "The rules", schema: ApprovalRuleList } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/approval-rules",
    operationId: "createMyApprovalRule",
    summary: "Add an approval rule for my company",
    tags: [TAG_APPROVAL_RULES],
    body: ApprovalRuleBody,
    responses: { 201: { description: "Created", schema: ApprovalRuleEnvelope } },
  }),
  buyer({
    method: "delete",
    path: "/store/b2b/approval-rules/{id}",
    operationId: "deleteMyApprovalRule",
    summary: "Remove one of my company's own approval rules (the merchant's are 403)",
    tags: [TAG_APPROVAL_RULES],
    responses: { 200: { description: "Deleted", schema: DeletedObject("approval_rule") } },
  }),

  // Quotes
  buyer({
    method: "get",
    path: "/store/b2b/quotes",
    operationId: "listMyQuotes",
    summary: "Quotes I see, newest first (a buyer their own; others the company's)",
    tags: [TAG_QUOTES],
    query: ListQuotesQuery,
    responses: {
      200: {
        description: "A page of quotes",
        schema: z.object({
          quotes: z.array(QuoteSummary),
          count: z.number().int(),
          limit: z.number().int(),
          offset: z.number().int(),
        }),
      },
    },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/quotes",
    operationId: "requestQuote",
    summary: "Ask for a quote on one of my carts or on items in a region; version 1 is at contract prices",
    description:
      "400 `net_terms_not_available` when the company has no active contract in the currency (quotes are placed on net terms).",
    tags: [TAG_QUOTES],
    body: StoreRequestQuoteBody,
    responses: { 201: { description: "Requested", schema: QuoteEnvelope } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/quotes/{id}",
    operationId: "getMyQuote",
    summary: "A quote with every version sent so far (each with its diff) and the thread",
    tags: [TAG_QUOTES],
    query: NoQuery,
    responses: { 200: { description: "The quote", schema: QuoteEnvelope } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/quotes/{id}/versions/{version}/pdf",
    operationId: "getMyQuoteVersionPdf",
    summary: "A sent version of a quote as a printable PDF",
    tags: [TAG_QUOTES],
    params: z.object({ id: z.string().min(1), version: z.string().regex(/^[1-9]\d*$/) }),
    query: NoQuery,
    responses: {
      200: { description: "The PDF", contentType: "application/pdf", schema: z.string().meta({ format: "binary" }) },
    },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/quotes/{id}/messages",
    operationId: "postMyQuoteMessage",
    summary: "Add a message to a quote's thread",
    tags: [TAG_QUOTES],
    body: QuoteMessageBody,
    responses: { 201: { description: "Posted", schema: z.object({ message: QuoteMessageView }) } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/quotes/{id}/accept",
    operationId: "acceptMyQuote",
    summary: "Accept the version on offer: the order is placed at the quoted prices, or submitted for approval",
    description:
      "`version` is the version read: a newer one sent meanwhile, an expired or closed quote is a 409. The order is the requester's: their role, spending limit and the company's approval rules apply as at checkout.",
    tags: [TAG_QUOTES],
    body: StoreAcceptQuoteBody,
    errors: [409, 422],
    responses: { 200: { description: "Accepted", schema: QuoteEnvelope } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/quotes/{id}/reject",
    operationId: "rejectMyQuote",
    summary: "Decline the version on offer, with an optional reason",
    tags: [TAG_QUOTES],
    body: QuoteReasonBody,
    errors: [409],
    responses: { 200: { description: "Rejected", schema: QuoteEnvelope } },
  }),
  buyer({
    method: "post",
    path: "/store/b2b/quotes/{id}/request-revision",
    operationId: "requestMyQuoteRevision",
    summary: "Send the quote back to the merchant for another version, saying what to change",
    tags: [TAG_QUOTES],
    body: QuoteRevisionRequestBody,
    errors: [409],
    responses: { 200: { description: "Back with the merchant", schema: QuoteEnvelope } },
  }),

  // Invoices and orders
  buyer({
    method: "get",
    path: "/store/b2b/invoices",
    operationId: "listMyInvoices",
    summary: "My company's invoices, newest first (admin and finance: subsidiaries' too), with its available credit",
    description: "400 for a customer who is not a company employee.",
    tags: [TAG_INVOICES],
    query: StoreListInvoices,
    responses: { 200: { description: "A page of invoices", schema: StoreInvoicePage } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/invoices/{id}",
    operationId: "getMyInvoice",
    summary: "One invoice of my company (or, for admin and finance, of a subsidiary)",
    tags: [TAG_INVOICES],
    responses: { 200: { description: "The invoice", schema: StoreInvoiceEnvelope } },
  }),
  buyer({
    method: "get",
    path: "/store/b2b/orders",
    operationId: "listMyCompanyOrders",
    summary: "My company's orders, newest first (a buyer sees their own; admin and finance subsidiaries' too)",
    tags: [TAG_ORDERS],
    query: StoreListCompanyOrders,
    responses: { 200: { description: "A page of orders", schema: CompanyOrderPage } },
  }),
]
