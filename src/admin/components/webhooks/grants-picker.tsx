import { Checkbox, Label, Select, Text } from "@medusajs/ui"
import { useAdminGet } from "../../lib/query"

export type GrantsChoice = { mode: "none" | "all" | "chosen"; company_ids: string[]; sales_channel_ids: string[] }

/** The body's `grants` for a choice (validators.ts PartnerGrantsBody). */
export function grantsBody(choice: GrantsChoice) {
  if (choice.mode === "all") return { all: true as const }
  if (choice.mode === "none") return {}
  return { company_ids: choice.company_ids, sales_channel_ids: choice.sales_channel_ids }
}

type Named = { id: string; name: string }

/**
 * What business data a partner receives: nothing yet, everything, or chosen
 * companies (with their subsidiaries) and/or sales channels.
 */
export const GrantsPicker = ({ value, onChange }: { value: GrantsChoice; onChange: (v: GrantsChoice) => void }) => {
  const chosen = value.mode === "chosen"
  const companies = useAdminGet<{ companies: Named[] }>(chosen ? "/admin/companies" : null, { limit: 100 })
  const channels = useAdminGet<{ sales_channels: Named[] }>(chosen ? "/admin/sales-channels" : null, { limit: 100 })
  const toggle = (key: "company_ids" | "sales_channel_ids", id: string, on: boolean) =>
    onChange({ ...value, [key]: on ? [...value[key], id] : value[key].filter((x) => x !== id) })
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <Label htmlFor="partner-grants">Grants</Label>
        <Select value={value.mode} onValueChange={(mode) => onChange({ ...value, mode: mode as GrantsChoice["mode"] })}>
          <Select.Trigger id="partner-grants" aria-label="Grants">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="none">Nothing yet (grant later)</Select.Item>
            <Select.Item value="all">Every company and sales channel</Select.Item>
            <Select.Item value="chosen">Chosen companies and sales channels</Select.Item>
          </Select.Content>
        </Select>
      </div>
      {chosen ? (
        <div className="grid grid-cols-2 gap-4">
          <ChoiceList
            title="Companies"
            items={companies.data?.companies}
            selected={value.company_ids}
            onToggle={(id, on) => toggle("company_ids", id, on)}
          />
          <ChoiceList
            title="Sales channels"
            items={channels.data?.sales_channels}
            selected={value.sales_channel_ids}
            onToggle={(id, on) => toggle("sales_channel_ids", id, on)}
          />
        </div>
      ) : null}
    </div>
  )
}

const ChoiceList = ({
  title,
  items,
  selected,
  onToggle,
}: {
  title: string
  items: Named[] | undefined
  selected: string[]
  onToggle: (id: string, on: boolean) => void
}) => (
  <fieldset className="flex flex-col gap-2">
    <Text size="small" weight="plus" asChild>
      <legend>{title}</legend>
    </Text>
    {(items ?? []).map((item) => (
      <div key={item.id} className="flex items-center gap-2">
        <Checkbox
          id={`grant-${item.id}`}
          checked={selected.includes(item.id)}
          onCheckedChange={(on) => onToggle(item.id, on === true)}
        />
        <Label htmlFor={`grant-${item.id}`}>{item.name}</Label>
      </div>
    ))}
    {items && items.length === 0 ? (
      <Text size="small" className="text-ui-fg-subtle">
        None
      </Text>
    ) : null}
  </fieldset>
)
