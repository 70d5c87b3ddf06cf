import { Label, Select, Switch } from "@medusajs/ui"
import { APPROVAL_STATUSES } from "./types"

export type ApprovalFilterValues = { status: string; company_id: string; waiting_for_merchant: boolean }

type Props = {
  value: ApprovalFilterValues
  companies: { id: string; name: string }[]
  onChange: (next: ApprovalFilterValues) => void
}

/** Radix's Select has no empty value: "all" stands for no filter. */
const ALL = "all"

/** Status, company, and "waiting for the merchant" (pending requests whose current level is the merchant's). */
export const ApprovalFilters = ({ value, companies, onChange }: Props) => (
  <div className="flex flex-wrap items-center gap-4 px-6 py-4">
    <div className="w-48">
      <Select
        size="small"
        value={value.status || ALL}
        onValueChange={(status) => onChange({ ...value, status: status === ALL ? "" : status })}
        disabled={value.waiting_for_merchant}
      >
        <Select.Trigger aria-label="Status">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={ALL}>Any status</Select.Item>
          {APPROVAL_STATUSES.map((s) => (
            <Select.Item key={s} value={s}>
              {s}
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
    <div className="flex items-center gap-2">
      <Switch
        id="waiting-for-merchant"
        checked={value.waiting_for_merchant}
        onCheckedChange={(waiting_for_merchant) => onChange({ ...value, waiting_for_merchant })}
      />
      <Label htmlFor="waiting-for-merchant" size="small">
        Waiting for merchant
      </Label>
    </div>
  </div>
)
