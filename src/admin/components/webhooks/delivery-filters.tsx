import { Label, Select } from "@medusajs/ui"
import type { Endpoint, EventType } from "./types"

export type DeliveryFilterValues = { endpoint_id?: string; status?: string; event_type?: string }

/** Radix Select has no empty value: "any" stands for "no filter". */
const ANY = "any"
const STATUSES = ["pending", "delivered", "failed", "canceled"]

type Props = {
  value: DeliveryFilterValues
  onChange: (v: DeliveryFilterValues) => void
  endpoints: Endpoint[]
  eventTypes: EventType[]
}

/** The delivery log's filters: endpoint, status, event type. */
export const DeliveryFilters = ({ value, onChange, endpoints, eventTypes }: Props) => {
  const set = (key: keyof DeliveryFilterValues, v: string) => onChange({ ...value, [key]: v === ANY ? undefined : v })
  return (
    <div className="grid grid-cols-3 gap-4 px-6 py-4">
      <Filter label="Endpoint" id="filter-endpoint" value={value.endpoint_id} onChange={(v) => set("endpoint_id", v)}>
        {endpoints.map((e) => (
          <Select.Item key={e.id} value={e.id}>
            {e.url}
          </Select.Item>
        ))}
      </Filter>
      <Filter label="Status" id="filter-status" value={value.status} onChange={(v) => set("status", v)}>
        {STATUSES.map((s) => (
          <Select.Item key={s} value={s}>
            {s}
          </Select.Item>
        ))}
      </Filter>
      <Filter label="Event type" id="filter-event-type" value={value.event_type} onChange={(v) => set("event_type", v)}>
        {eventTypes.map((t) => (
          <Select.Item key={t.type} value={t.type}>
            {t.type}
          </Select.Item>
        ))}
      </Filter>
    </div>
  )
}

const Filter = ({
  label,
  id,
  value,
  onChange,
  children,
}: {
  label: string
  id: string
  value: string | undefined
  onChange: (v: string) => void
  children: React.ReactNode
}) => (
  <div className="flex flex-col gap-1">
    <Label htmlFor={id}>{label}</Label>
    <Select value={value ?? ANY} onValueChange={onChange}>
      <Select.Trigger id={id} aria-label={label}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        <Select.Item value={ANY}>Any</Select.Item>
        {children}
      </Select.Content>
    </Select>
  </div>
)
