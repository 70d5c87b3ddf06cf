import { Checkbox, Label, Text } from "@medusajs/ui"
import { useAdminGet } from "../../lib/query"
import { WEBHOOKS_API, type EventType } from "./types"

/** Every subscribable type, present and future. */
const ALL = "*"

/** The event types an endpoint subscribes to, from the catalogue (GET /admin/webhooks/event-types). */
export const EventTypesPicker = ({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) => {
  const catalogue = useAdminGet<{ event_types: EventType[] }>(`${WEBHOOKS_API}/event-types`)
  const types = (catalogue.data?.event_types ?? []).filter((t) => t.subscribable)
  const all = value.includes(ALL)
  const toggle = (type: string, on: boolean) => onChange(on ? [...value, type] : value.filter((t) => t !== type))
  return (
    <fieldset className="flex flex-col gap-2">
      <Text size="small" weight="plus" asChild>
        <legend>Event types</legend>
      </Text>
      <div className="flex items-center gap-2">
        <Checkbox id="event-type-all" checked={all} onCheckedChange={(on) => onChange(on === true ? [ALL] : [])} />
        <Label htmlFor="event-type-all">All event types, present and future</Label>
      </div>
      {all ? null : (
        <div className="grid grid-cols-2 gap-2">
          {types.map((t) => (
            <div key={t.type} className="flex items-center gap-2">
              <Checkbox
                id={`event-type-${t.type}`}
                checked={value.includes(t.type)}
                onCheckedChange={(on) => toggle(t.type, on === true)}
              />
              <Label htmlFor={`event-type-${t.type}`}>{t.type}</Label>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  )
}
