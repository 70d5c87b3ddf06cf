import { SPENDING_PERIODS } from "../../../modules/b2b/lib/spending-periods"
import { EMPLOYEE_ROLES } from "../../../modules/b2b/lib/roles"
import { MAX_APPROVAL_TTL_HOURS } from "../../../modules/b2b/lib/approval-vocabulary"
import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, metadata, minorAmount } from "../../utils/zod-fields"
import { listParams } from "../../utils/list-params"

export const AdminAddress = z
  .object({
    company: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    address_1: z.string().min(1),
    address_2: z.string().nullish(),
    city: z.string().min(1),
    province: z.string().nullish(),
    postal_code: z.string().min(1),
    country_code: z
      .string()
      .regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter ISO 3166 country code" })
      .transform((c) => c.toLowerCase()),
    phone: z.string().nullish(),
  })
  .strict()

/** A tax id as Stripe names them: `{ type: "eu_vat", value: "DE123456789" }`. */
export const AdminTaxId = z
  .object({
    type: z
      .string()
      .regex(/^[a-z]{2,3}_[a-z]+$/, { error: 'must be a Stripe tax id type such as "eu_vat" or "us_ein"' }),
    value: z.string().min(1),
  })
  .strict()

const companyFields = {
  // Stripe caps a customer's name at 256 characters and its email at 512 (OpenAPI, customer create).
  name: z.string().trim().min(1, { error: "must not be empty" }).max(256, { error: "must be at most 256 characters" }),
  billing_email: z.email({ error: "must be an email address" }).max(512, { error: "must be at most 512 characters" }),
  billing_address: AdminAddress.nullish(),
  tax_ids: z.array(AdminTaxId).nullish(),
  currency_code: currencyCode(),
  parent_company_id: z.string().min(1).nullish(),
  stripe_customer_id: z
    .string()
    .regex(/^cus_\w+$/, { error: 'must be a Stripe customer id ("cus_…")' })
    .nullish(),
  erp_account_number: z.string().min(1).nullish(),
  po_required: z.boolean().optional(),
  approval_ttl_hours: z
    .number({ error: `must be a whole number of hours from 1 to ${MAX_APPROVAL_TTL_HOURS}` })
    .int({ error: `must be a whole number of hours from 1 to ${MAX_APPROVAL_TTL_HOURS}` })
    .min(1, { error: `must be a whole number of hours from 1 to ${MAX_APPROVAL_TTL_HOURS}` })
    .max(MAX_APPROVAL_TTL_HOURS, { error: `must be a whole number of hours from 1 to ${MAX_APPROVAL_TTL_HOURS}` })
    .optional(),
  metadata: metadata().nullish(),
}

export const AdminCreateCompany = z.object(companyFields).strict()
export type AdminCreateCompanyType = z.infer<typeof AdminCreateCompany>

export const AdminUpdateCompany = z.object(companyFields).partial().strict()
export type AdminUpdateCompanyType = z.infer<typeof AdminUpdateCompany>

export const AdminGetCompaniesParams = createFindParams()
  .extend({
    ...listParams({ defaultLimit: 20, maxLimit: 100, orderBy: ["name", "currency_code", "created_at", "updated_at"] }),
    q: z.string().optional(),
    id: z.union([z.string(), z.array(z.string())]).optional(),
    parent_company_id: z.string().optional(),
    currency_code: z.string().optional(),
    erp_account_number: z.string().optional(),
    stripe_customer_id: z.string().optional(),
  })
  .strict()
export type AdminGetCompaniesParamsType = z.infer<typeof AdminGetCompaniesParams>

export const AdminGetCompanyParams = z.object({ fields: z.string().optional() }).strict()

export const AdminCreateEmployee = z
  .object({
    customer_id: z.string().min(1),
    role: z.enum(EMPLOYEE_ROLES).default("buyer"),
    spending_limit_minor: minorAmount().nullish(),
    spending_limit_period: z.enum(SPENDING_PERIODS).optional(),
  })
  .strict()
export type AdminCreateEmployeeType = z.infer<typeof AdminCreateEmployee>

export const AdminUpdateEmployee = z
  .object({
    role: z.enum(EMPLOYEE_ROLES).optional(),
    spending_limit_minor: minorAmount().nullish(),
    spending_limit_period: z.enum(SPENDING_PERIODS).optional(),
  })
  .strict()
export type AdminUpdateEmployeeType = z.infer<typeof AdminUpdateEmployee>
