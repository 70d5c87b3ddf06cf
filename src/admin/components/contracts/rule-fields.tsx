import { Button, IconButton, Input, Label, Select } from "@medusajs/ui"
import { Trash } from "@medusajs/icons"

/** A labelled text input. */
export const Field = ({
  id,
  label,
  value,
  onChange,
  placeholder,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
}) => (
  <div className="flex flex-col gap-1">
    <Label htmlFor={id}>{label}</Label>
    <Input id={id} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
  </div>
)

/** A labelled select over fixed options. */
export const Choice = <T extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string
  label: string
  value: T
  options: readonly { value: T; label: string }[]
  onChange: (value: T) => void
}) => (
  <div className="flex flex-col gap-1">
    <Label htmlFor={id}>{label}</Label>
    <Select value={value} onValueChange={(v) => onChange(v as T)}>
      <Select.Trigger id={id}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        {options.map((option) => (
          <Select.Item key={option.value} value={option.value}>
            {option.label}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  </div>
)

export type TierText = { min_quantity: string; price: string }

/** Tier rows: "from quantity" and the unit price from there; one row at least. */
export const TierRows = ({
  tiers,
  currency,
  onChange,
}: {
  tiers: TierText[]
  currency: string
  onChange: (tiers: TierText[]) => void
}) => {
  const update = (index: number, patch: Partial<TierText>) =>
    onChange(tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)))
  return (
    <div className="flex flex-col gap-2">
      {tiers.map((tier, index) => (
        <div key={index} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
          <Field
            id={`tier-${index}-min`}
            label={`Tier ${index + 1} from quantity`}
            value={tier.min_quantity}
            onChange={(v) => update(index, { min_quantity: v })}
          />
          <Field
            id={`tier-${index}-price`}
            label={`Unit price (${currency.toUpperCase()})`}
            value={tier.price}
            onChange={(v) => update(index, { price: v })}
          />
          <IconButton
            size="small"
            variant="transparent"
            aria-label={`Remove tier ${index + 1}`}
            disabled={tiers.length === 1}
            onClick={() => onChange(tiers.filter((_, i) => i !== index))}
          >
            <Trash />
          </IconButton>
        </div>
      ))}
      <Button
        size="small"
        variant="secondary"
        className="self-start"
        onClick={() => onChange([...tiers, { min_quantity: "", price: "" }])}
      >
        Add tier
      </Button>
    </div>
  )
}
