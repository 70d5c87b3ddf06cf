import { z } from "@medusajs/framework/zod"
import { STAFF, type Operation } from "../../openapi/operation"
import { ApprovalRuleBody } from "../../utils/approval-validators"
import {
  AdminCompany,
  AdminCompanyPage,
  AdminEmployee,
  ApprovalRuleView,
  EmployeeInvite,
} from "../../utils/openapi/b2b-admin-schemas"
import { DeletedObject } from "../../utils/openapi/webhook-schemas"
import { NoQuery } from "../../utils/validate-query"
import {
  AdminCreateCompany,
  AdminCreateEmployee,
  AdminGetCompaniesParams,
  AdminGetCompanyParams,
  AdminUpdateCompany,
  AdminUpdateEmployee,
} from "./validators"

const TAG_COMPANIES = "Companies"
const TAG_EMPLOYEES = "Company employees"
const TAG_RULES = "Approval rules"

/** Merchant staff (admin API): in the staff document only. */
const staff = (op: Omit<Operation, "audiences" | "security">): Operation => ({ ...op, audiences: [], security: STAFF })

const CompanyEnvelope = z.object({ company: AdminCompany })
const EmployeeEnvelope = z.object({ employee: AdminEmployee })

export const adminCompaniesOperations: Operation[] = [
  staff({
    method: "get",
    path: "/admin/companies",
    operationId: "listCompanies",
    summary: "Buyer companies, filtered by name, parent, currency or external ids; offset-paged",
    tags: [TAG_COMPANIES],
    query: AdminGetCompaniesParams,
    responses: { 200: { description: "A page of companies", schema: AdminCompanyPage } },
  }),
  staff({
    method: "post",
    path: "/admin/companies",
    operationId: "createCompany",
    summary: "Create a buyer company and its customer group",
    tags: [TAG_COMPANIES],
    body: AdminCreateCompany,
    responses: { 201: { description: "Created", schema: CompanyEnvelope } },
  }),
  staff({
    method: "get",
    path: "/admin/companies/{id}",
    operationId: "getCompany",
    summary: "A company with its employees and customer group",
    tags: [TAG_COMPANIES],
    query: AdminGetCompanyParams,
    responses: { 200: { description: "The company", schema: CompanyEnvelope } },
  }),
  staff({
    method: "post",
    path: "/admin/companies/{id}",
    operationId: "updateCompany",
    summary: "Change some fields of a company (a parent that would make a cycle is refused)",
    tags: [TAG_COMPANIES],
    body: AdminUpdateCompany,
    responses: { 200: { description: "Updated", schema: CompanyEnvelope } },
  }),
  staff({
    method: "delete",
    path: "/admin/companies/{id}",
    operationId: "deleteCompany",
    summary: "Delete a company (refused while it has child companies)",
    tags: [TAG_COMPANIES],
    responses: { 200: { description: "Deleted", schema: DeletedObject("company") } },
  }),
  staff({
    method: "get",
    path: "/admin/companies/{id}/employees",
    operationId: "listCompanyEmployees",
    summary: "A company's employees, each with its customer",
    tags: [TAG_EMPLOYEES],
    query: NoQuery,
    responses: {
      200: {
        description: "The employees",
        schema: z.object({ employees: z.array(AdminEmployee), count: z.number().int() }),
      },
    },
  }),
  staff({
    method: "post",
    path: "/admin/companies/{id}/employees",
    operationId: "createCompanyEmployee",
    summary: "Make an existing customer an employee; a customer without an account also gets a sign-up invite",
    tags: [TAG_EMPLOYEES],
    body: AdminCreateEmployee,
    responses: {
      201: {
        description: "Created; `invite` is shown this once (null when the customer already has an account)",
        schema: z.object({ employee: AdminEmployee, invite: EmployeeInvite.nullable() }),
      },
    },
  }),
  staff({
    method: "post",
    path: "/admin/companies/{id}/employees/{employee_id}",
    operationId: "updateCompanyEmployee",
    summary: "Change an employee's role or spending limit (the company's last active admin stays admin)",
    tags: [TAG_EMPLOYEES],
    body: AdminUpdateEmployee,
    errors: [409],
    responses: { 200: { description: "Updated", schema: EmployeeEnvelope } },
  }),
  staff({
    method: "delete",
    path: "/admin/companies/{id}/employees/{employee_id}",
    operationId: "deleteCompanyEmployee",
    summary: "Remove an employee: the customer leaves the company and its customer group",
    tags: [TAG_EMPLOYEES],
    responses: { 200: { description: "Deleted", schema: DeletedObject("employee") } },
  }),
  staff({
    method: "post",
    path: "/admin/companies/{id}/employees/{employee_id}/invite",
    operationId: "inviteCompanyEmployee",
    summary: "A new storefront invite for an employee without an account (earlier invites stop working)",
    tags: [TAG_EMPLOYEES],
    responses: {
      200: {
        description: "The invite, shown this once",
        schema: z.object({ employee_id: z.string(), invite: EmployeeInvite }),
      },
    },
  }),
  staff({
    method: "get",
    path: "/admin/companies/{id}/approval-rules",
    operationId: "listCompanyApprovalRules",
    summary: "A company's approval rules (its own and the merchant's), oldest first",
    tags: [TAG_RULES],
    query: NoQuery,
    responses: {
      200: { description: "The rules", schema: z.object({ approval_rules: z.array(ApprovalRuleView) }) },
    },
  }),
  staff({
    method: "post",
    path: "/admin/companies/{id}/approval-rules",
    operationId: "createCompanyApprovalRule",
    summary: "Add a merchant rule to a company (its admins cannot remove it)",
    tags: [TAG_RULES],
    body: ApprovalRuleBody,
    responses: { 201: { description: "Created", schema: z.object({ approval_rule: ApprovalRuleView }) } },
  }),
  staff({
    method: "delete",
    path: "/admin/companies/{id}/approval-rules/{rule_id}",
    operationId: "deleteCompanyApprovalRule",
    summary: "Remove an approval rule of the company (requests already waiting keep their levels)",
    tags: [TAG_RULES],
    responses: { 200: { description: "Deleted", schema: DeletedObject("approval_rule") } },
  }),
]
