import { Label, Select } from "@medusajs/ui"
import { useAdminGet } from "../../lib/query"
import { ApiError } from "../api-error"
import { INVOICE_STATUS_FILTERS } from "./types"

const ANY = "any"

type Props = {
  status: string
  companyId: string
  onChange: (filters: { status: string; companyId: string }) => void
}

type CompaniesResponse = { companies: { id: string; name: string }[] }

/** Status and company filters of the invoice list ("" means any). */
export const InvoiceFilters = ({ status, companyId, onChange }: Props) => {
  const companies = useAdminGet<CompaniesResponse>("/admin/companies", { limit: 100, fields: "id,name" })
  return (
    <div className="flex flex-wrap items-end gap-4 px-6 py-4">
      <div className="flex w-48 flex-col gap-1">
        <Label size="small" htmlFor="invoice-status-filter">
          Status
        </Label>
        <Select value={status || ANY} onValueChange={(v) => onChange({ status: v === ANY ? "" : v, companyId })}>
          <Select.Trigger id="invoice-status-filter" aria-label="Status">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ANY}>Any status</Select.Item>
            {INVOICE_STATUS_FILTERS.map((s) => (
              <Select.Item key={s} value={s}>
                {s}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div className="flex w-64 flex-col gap-1">
        <Label size="small" htmlFor="invoice-company-filter">
          Company
        </Label>
        <Select value={companyId || ANY} onValueChange={(v) => onChange({ status, companyId: v === ANY ? "" : v })}>
          <Select.Trigger id="invoice-company-filter" aria-label="Company">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ANY}>Any company</Select.Item>
            {(companies.data?.companies ?? []).map((c) => (
              <Select.Item key={c.id} value={c.id}>
                {c.name}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <ApiError error={companies.error} />
    </div>
  )
}
