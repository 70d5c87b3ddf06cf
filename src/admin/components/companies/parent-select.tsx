import { Label, Select } from "@medusajs/ui"
import { useAdminGet } from "../../lib/query"
import { COMPANIES_API, type CompanyListResponse } from "./types"

const NONE = "none"
/** The parent picker lists this many companies by name (enough for a merchant's accounts; the API caps a page at 100). */
const PARENT_CHOICES = 100

/** Picks a company's parent (or none) among the other companies. */
export const ParentSelect = ({
  value,
  exclude,
  onChange,
}: {
  value: string | null
  exclude?: string
  onChange: (id: string | null) => void
}) => {
  const list = useAdminGet<CompanyListResponse>(COMPANIES_API, {
    limit: PARENT_CHOICES,
    order: "name",
    fields: "id,name",
  })
  const choices = (list.data?.companies ?? []).filter((c) => c.id !== exclude)
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor="company-parent">Parent company</Label>
      <Select value={value ?? NONE} onValueChange={(v) => onChange(v === NONE ? null : v)}>
        <Select.Trigger id="company-parent">
          <Select.Value placeholder="None" />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={NONE}>None (top-level company)</Select.Item>
          {choices.map((c) => (
            <Select.Item key={c.id} value={c.id}>
              {c.name}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}
