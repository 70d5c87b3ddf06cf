/** Fields returned by the admin company routes unless `?fields=` asks for others. */
export const adminCompanyFields = [
  "id",
  "name",
  "billing_email",
  "billing_address",
  "tax_ids",
  "currency_code",
  "parent_company_id",
  "stripe_customer_id",
  "erp_account_number",
  "po_required",
  "approval_ttl_hours",
  "metadata",
  "created_at",
  "updated_at",
  "customer_group.id",
  "customer_group.name",
]

export const adminCompanyQueryConfig = {
  list: { defaults: adminCompanyFields, isList: true },
  retrieve: {
    defaults: [
      ...adminCompanyFields,
      "employees.id",
      "employees.customer_id",
      "employees.role",
      "employees.spending_limit_minor",
      "employees.spending_limit_period",
      "employees.deactivated_at",
    ],
    isList: false,
  },
}

export const adminEmployeeFields = [
  "id",
  "company_id",
  "customer_id",
  "role",
  "spending_limit_minor",
  "spending_limit_period",
  /** null = active; set = deactivated by the company's admin (it buys as a customer of no company). */
  "deactivated_at",
  "created_at",
  "updated_at",
  "customer.id",
  "customer.email",
  "customer.first_name",
  "customer.last_name",
]
