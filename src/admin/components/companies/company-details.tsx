import { Row } from "./detail-row"
import type { AdminCompany } from "./types"

/** The company's own fields as label/value rows, as Medusa's detail pages list them. */
export const CompanyDetails = ({ company }: { company: AdminCompany }) => (
  <>
    <Row label="Billing email">{company.billing_email}</Row>
    <Row label="Currency">{company.currency_code.toUpperCase()}</Row>
    <Row label="ERP account">{company.erp_account_number ?? "—"}</Row>
    <Row label="Stripe customer">{company.stripe_customer_id ?? "—"}</Row>
    <Row label="PO number required">{company.po_required ? "Yes" : "No"}</Row>
    <Row label="Customer group">{company.customer_group?.name ?? "—"}</Row>
  </>
)
