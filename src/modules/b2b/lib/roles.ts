/**
 * What an employee's role lets them do for their company, in one table: the
 * store routes and the checkout hook read it, and README's role matrix is
 * this table. A role that is not listed for a permission is refused (403).
 */
export const EMPLOYEE_ROLES = ["admin", "approver", "buyer", "finance", "viewer"] as const
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number]

export type CompanyPermission =
  /** GET /store/b2b/company, /store/b2b/companies/:id: the company, its hierarchy and the caller's role. */
  | "company.read"
  /** GET /store/b2b/contract, /store/b2b/contracts/:id: contract terms and available credit. */
  | "contract.read"
  /** POST /store/b2b/price-quote: contract prices with their explanations. */
  | "prices.read"
  /** Medusa's store cart routes (create, change, complete) for a company cart. */
  | "cart.write"
  /** GET /store/b2b/invoices…: the company's invoices and credit. */
  | "invoices.read"
  /** GET /store/b2b/orders…: the company's orders (a buyer sees their own). */
  | "orders.read"
  /** GET /store/b2b/approval-requests…: what waits for approval (a buyer sees their own). */
  | "approvals.read"
  /** POST /store/b2b/approval-requests/:id/approve|reject. */
  | "approvals.decide"
  /** /store/b2b/approval-rules: read and change the company's approval rules. */
  | "approval_rules.manage"
  /** /store/b2b/employees…: invite, set roles and spending limits, deactivate. */
  | "employees.manage"
  /** GET /store/b2b/quotes…: quotes, their versions, thread and PDFs (a buyer sees their own). */
  | "quotes.read"
  /** POST /store/b2b/quotes, …/messages: ask for a quote and negotiate it. */
  | "quotes.request"
  /** POST /store/b2b/quotes/:id/accept|reject|request-revision: decide on a sent version (within the buyer's limit). */
  | "quotes.accept"

const EVERYONE = EMPLOYEE_ROLES
export const ROLE_MATRIX: Readonly<Record<CompanyPermission, readonly EmployeeRole[]>> = {
  "company.read": EVERYONE,
  "contract.read": EVERYONE,
  // Finance handles invoices and credit, not what things cost to order.
  "prices.read": ["admin", "approver", "buyer", "viewer"],
  "cart.write": ["admin", "approver", "buyer"],
  // The company's bills: for those who order or pay, not for read-only viewers.
  "invoices.read": ["admin", "approver", "buyer", "finance"],
  "orders.read": ["admin", "approver", "buyer", "finance"],
  "approvals.read": ["admin", "approver", "buyer"],
  "approvals.decide": ["admin", "approver"],
  "approval_rules.manage": ["admin"],
  "employees.manage": ["admin"],
  // Quotes are prices: viewers read them, finance (invoices, credit) does not.
  "quotes.read": ["admin", "approver", "buyer", "viewer"],
  "quotes.request": ["admin", "approver", "buyer"],
  "quotes.accept": ["admin", "approver", "buyer"],
}

/**
 * Roles that see every order, approval request and invoice of the company
 * (the others see only their own), and, for a parent company, those of its
 * subsidiaries.
 */
export const COMPANY_WIDE_ROLES: readonly EmployeeRole[] = ["admin", "finance"]

export function roleMay(role: string, permission: CompanyPermission): boolean {
  return (ROLE_MATRIX[permission] as readonly string[]).includes(role)
}
