import { Input, Label, Select, Textarea } from "@medusajs/ui"
import { EventTypesPicker } from "./event-types-picker"
import type { Endpoint, Partner } from "./types"

export type EndpointFields = {
  partner_id: string
  url: string
  description: string
  event_types: string[]
  max_concurrency: string
  rate_limit_per_second: string
}

export function endpointFields(endpoint?: Endpoint): EndpointFields {
  return {
    partner_id: endpoint?.partner_id ?? "",
    url: endpoint?.url ?? "",
    description: endpoint?.description ?? "",
    event_types: endpoint?.event_types ?? [],
    max_concurrency: endpoint?.max_concurrency?.toString() ?? "",
    rate_limit_per_second: endpoint?.rate_limit_per_second?.toString() ?? "",
  }
}

/** The API body for the fields; empty limits are sent as null (no limit), a number as typed (the API checks it). */
export function endpointBody(f: EndpointFields, withPartner: boolean) {
  const limit = (v: string) => (v.trim() === "" ? null : Number(v))
  return {
    ...(withPartner ? { partner_id: f.partner_id } : {}),
    url: f.url,
    description: f.description || null,
    event_types: f.event_types,
    max_concurrency: limit(f.max_concurrency),
    rate_limit_per_second: limit(f.rate_limit_per_second),
  }
}

type Props = { value: EndpointFields; onChange: (v: EndpointFields) => void; partners?: Partner[] }

/** An endpoint's settings; the partner is chosen only when creating (`partners` given). */
export const EndpointForm = ({ value, onChange, partners }: Props) => {
  const set = <K extends keyof EndpointFields>(key: K, v: EndpointFields[K]) => onChange({ ...value, [key]: v })
  return (
    <div className="flex flex-col gap-4">
      {partners ? (
        <div className="flex flex-col gap-1">
          <Label htmlFor="endpoint-partner">Partner</Label>
          <Select value={value.partner_id} onValueChange={(v) => set("partner_id", v)}>
            <Select.Trigger id="endpoint-partner" aria-label="Partner">
              <Select.Value placeholder="Choose a partner" />
            </Select.Trigger>
            <Select.Content>
              {partners.map((p) => (
                <Select.Item key={p.id} value={p.id}>
                  {p.name}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        <Label htmlFor="endpoint-url">URL</Label>
        <Input
          id="endpoint-url"
          placeholder="https://partner.example/webhooks"
          value={value.url}
          onChange={(e) => set("url", e.target.value)}
        />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="endpoint-description">Description</Label>
        <Textarea
          id="endpoint-description"
          value={value.description}
          onChange={(e) => set("description", e.target.value)}
        />
      </div>
      <EventTypesPicker value={value.event_types} onChange={(v) => set("event_types", v)} />
      <div className="grid grid-cols-2 gap-4">
        <div className="flex flex-col gap-1">
          <Label htmlFor="endpoint-concurrency">Max in flight (empty: hub default)</Label>
          <Input
            id="endpoint-concurrency"
            type="number"
            value={value.max_concurrency}
            onChange={(e) => set("max_concurrency", e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="endpoint-rate">Requests per second (empty: no limit)</Label>
          <Input
            id="endpoint-rate"
            type="number"
            value={value.rate_limit_per_second}
            onChange={(e) => set("rate_limit_per_second", e.target.value)}
          />
        </div>
      </div>
    </div>
  )
}
