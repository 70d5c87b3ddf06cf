// Lists the orders placed for a set of companies, for GET /store/b2b/orders.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { toMinor } from "../../../lib/money"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { jsonMinor } from "../../../modules/b2b/lib/buyer-views"

export type CompanyOrdersInput = {
  company_ids: string[]
  /** Only this customer's orders (a buyer sees their own). */
  customer_id?: string
  skip: number
  take: number
}

/** An order as the company's people see it in a list. */
export type CompanyOrderView = {
  id: string
  display_id: number
  status: string
  total_minor: number
  currency_code: string
  created_at: string
  email: string | null
  customer_id: string
  po_number: string | null
  company_id: string
}

/** When a customer acted for a company: from joining until deactivated or removed (null = still). */
type Membership = { customer_id: string; company_id: string; from: Date; until: Date | null }

type EmployeeRow = {
  customer_id: string
  company_id: string
  created_at: Date | string
  deactivated_at?: Date | string | null
  deleted_at?: Date | string | null
}

type OrderRow = {
  id: string
  display_id: number
  status: string
  total: unknown
  currency_code: string
  created_at: Date | string
  email: string | null
  customer_id: string
  metadata?: Record<string, unknown> | null
}

const ORDER_FIELDS = [
  "id",
  "display_id",
  "status",
  "total",
  "currency_code",
  "created_at",
  "email",
  "customer_id",
  "metadata",
]

function membership(employee: EmployeeRow): Membership {
  const ends = [employee.deactivated_at, employee.deleted_at]
    .filter((d): d is Date | string => !!d)
    .map((d) => new Date(d))
  return {
    customer_id: employee.customer_id,
    company_id: employee.company_id,
    from: new Date(employee.created_at),
    until: ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null,
  }
}

const within = (m: Membership, at: Date) => m.from <= at && (!m.until || at < m.until)

/**
 * The companies' orders, newest first: orders their employees placed while
 * they were employees. The window matters because a customer's orders are
 * not all the company's: those placed before staff added an existing
 * customer, or after an employee was deactivated or removed, are the
 * person's own. Removed employees are kept (soft-deleted), so their orders
 * for the company stay listed. Drafts are not orders yet.
 */
export async function listCompanyOrders(
  container: MedusaContainer,
  input: CompanyOrdersInput
): Promise<{ orders: CompanyOrderView[]; count: number }> {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const employees = (await b2b.listEmployees(
    { company_id: input.company_ids, ...(input.customer_id ? { customer_id: input.customer_id } : {}) },
    { select: ["customer_id", "company_id", "created_at", "deactivated_at", "deleted_at"], withDeleted: true }
  )) as EmployeeRow[]
  const memberships = employees.map(membership)
  if (!memberships.length) return { orders: [], count: 0 }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "order",
    fields: ORDER_FIELDS,
    filters: {
      is_draft_order: false,
      $or: memberships.map((m) => ({
        customer_id: m.customer_id,
        created_at: { $gte: m.from, ...(m.until ? { $lt: m.until } : {}) },
      })),
    },
    pagination: { skip: input.skip, take: input.take, order: { created_at: "DESC" } },
  })
  const orders = (data as OrderRow[]).map((order) => toView(order, memberships))
  return { orders, count: metadata?.count ?? orders.length }
}

function toView(order: OrderRow, memberships: Membership[]): CompanyOrderView {
  const at = new Date(order.created_at)
  const own = memberships.filter((m) => m.customer_id === order.customer_id)
  // The filter matched one window; the fallback only covers timestamps read back at a coarser precision.
  const member = own.find((m) => within(m, at)) ?? own[0]
  const po = order.metadata?.po_number
  return {
    id: order.id,
    display_id: order.display_id,
    status: order.status,
    total_minor: jsonMinor(toMinor(String(order.total ?? 0), order.currency_code, { round: true })),
    currency_code: order.currency_code,
    created_at: at.toISOString(),
    email: order.email ?? null,
    customer_id: order.customer_id,
    po_number: typeof po === "string" && po ? po : null,
    company_id: member.company_id,
  }
}
