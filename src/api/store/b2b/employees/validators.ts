import { z } from "@medusajs/framework/zod"
import { EMPLOYEE_ROLES } from "../../../../modules/b2b/lib/roles"
import { SPENDING_PERIODS } from "../../../../modules/b2b/lib/spending-periods"
import { listParams } from "../../../utils/list-params"
import { minorAmount } from "../../../utils/zod-fields"

export const StoreListEmployees = z.object(listParams({ defaultLimit: 50, maxLimit: 200 })).strict()
export type StoreListEmployeesType = z.infer<typeof StoreListEmployees>

const name = () => z.string().trim().max(255, { error: "must be at most 255 characters" }).nullish()

/** The limit a company admin sets: the same fields and rules as staff's (POST /admin/companies/:id/employees). */
const limits = {
  role: z.enum(EMPLOYEE_ROLES),
  spending_limit_minor: minorAmount().nullish(),
  spending_limit_period: z.enum(SPENDING_PERIODS).optional(),
}

export const StoreInviteEmployee = z
  .object({
    // Lower case: the invite is matched to the sign-up e-mail without regard to case.
    email: z
      .email({ error: "must be an email address" })
      .max(512, { error: "must be at most 512 characters" })
      .transform((email) => email.toLowerCase()),
    first_name: name(),
    last_name: name(),
    ...limits,
    role: limits.role.default("buyer"),
  })
  .strict()
export type StoreInviteEmployeeType = z.infer<typeof StoreInviteEmployee>

export const StoreUpdateEmployee = z.object({ ...limits, role: limits.role.optional() }).strict()
export type StoreUpdateEmployeeType = z.infer<typeof StoreUpdateEmployee>
