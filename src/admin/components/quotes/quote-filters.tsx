import { Select } from "@medusajs/ui"
import { QUOTE_STATUSES } from "./types"

export type QuoteFilterValues = { status: string; company_id: string }

type Props = {
  value: QuoteFilterValues
  companies: { id: string; name: string }[]
  onChange: (next: QuoteFilterValues) => void
}

/** Radix's Select has no empty value: "all" stands for no filter. */
const ALL = "all"

export const QuoteFilters = ({ value, companies, onChange }: Props) => (
  <div className="flex flex-wrap items-center gap-4 px-6 py-4">
    <div className="w-56">
      <Select
        size="small"
        value={value.status || ALL}
        onValueChange={(status) => onChange({ ...value, status: status === ALL ? "" : status })}
      >
        <Select.Trigger aria-label="Status">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={ALL}>Any status</Select.Item>
          {QUOTE_STATUSES.map((s) => (
            <Select.Item key={s} value={s}>
              {s.replace("_", " ")}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
    <div className="w-64">
      <Select
        size="small"
        value={value.company_id || ALL}
        onValueChange={(company_id) => onChange({ ...value, company_id: company_id === ALL ? "" : company_id })}
      >
        <Select.Trigger aria-label="Company">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={ALL}>Any company</Select.Item>
          {companies.map((c) => (
            <Select.Item key={c.id} value={c.id}>
              {c.name}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  </div>
)
