import { z } from "@medusajs/framework/zod"
import type { Operation } from "../../openapi/operation"
import { STAFF } from "../../openapi/operation"
import { offsetPage } from "../../openapi/schemas"
import {
  AdminInvoice,
  AdminInvoiceDetail,
  InvoiceReconcileReport,
  InvoiceRetryRefusal,
  MoneyDriftReport,
} from "../../utils/openapi/invoice-schemas"
import { AdminListInvoices, AdminMoneyDrift, AdminReconcileInvoices } from "./validators"

const TAG = "Invoices"

const staff = (op: Omit<Operation, "audiences" | "security" | "tags">): Operation => ({
  ...op,
  tags: [TAG],
  audiences: [],
  security: STAFF,
})

/** This area's operations, as documented in the OpenAPI documents (see src/api/partners/openapi.ts). */
export const adminInvoicesOperations: Operation[] = [
  staff({
    method: "get",
    path: "/admin/invoices",
    operationId: "listAdminInvoices",
    summary: "Invoices of every company, newest first; filters company_id, order_id, status",
    query: AdminListInvoices,
    responses: {
      200: {
        description: "A page of invoices",
        schema: z.object({ invoices: z.array(AdminInvoice), ...offsetPage }),
      },
    },
  }),
  staff({
    method: "get",
    path: "/admin/invoices/{id}",
    operationId: "getAdminInvoice",
    summary: "An invoice with the lines it billed and its credit notes",
    responses: { 200: { description: "The invoice", schema: AdminInvoiceDetail } },
  }),
  staff({
    method: "post",
    path: "/admin/invoices/{id}/retry",
    operationId: "retryAdminInvoice",
    summary: "Run the issuing of this invoice again; it resumes where the last run stopped",
    responses: {
      200: { description: "Issued (or issuing went on)", schema: z.object({ invoice: AdminInvoice }) },
      409: {
        description: "`not_retryable`: the invoice is void or was already sent",
        schema: InvoiceRetryRefusal("not_retryable"),
      },
      502: {
        description: "`issuing_failed`: the run failed again (Stripe's error in the message)",
        schema: InvoiceRetryRefusal("issuing_failed"),
      },
    },
  }),
  staff({
    method: "get",
    path: "/admin/invoices/drift",
    operationId: "getInvoiceMoneyDrift",
    summary: "Money drift per order: Medusa's total against its invoices, credit notes and ERP document",
    query: AdminMoneyDrift,
    responses: { 200: { description: "The drift report", schema: MoneyDriftReport } },
  }),
  staff({
    method: "post",
    path: "/admin/invoices/reconcile",
    operationId: "reconcileInvoices",
    summary: "Reconcile invoices with Stripe now: retry unfinished issuing, apply missed changes, report drift",
    body: AdminReconcileInvoices,
    responses: {
      200: { description: "What was done and found", schema: z.object({ report: InvoiceReconcileReport }) },
    },
  }),
]
