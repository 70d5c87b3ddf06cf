import { Button, Input, Label, Text } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useVariantSearch, variantLabel, type VariantOption } from "./use-variants"

const RESULTS = 8

/** Search Medusa's product variants by title or SKU and pick one. */
export const VariantPicker = ({
  id,
  label,
  actionLabel,
  onPick,
}: {
  id: string
  label: string
  actionLabel: string
  onPick: (variant: VariantOption) => void
}) => {
  const [q, setQ] = useState("")
  const search = useVariantSearch(q, RESULTS)
  const variants = search.data?.variants ?? []
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} type="search" placeholder="Title or SKU" value={q} onChange={(e) => setQ(e.target.value)} />
      <ApiError error={search.error} />
      <ul className="flex flex-col gap-1" aria-label={`${label} results`}>
        {variants.map((variant) => (
          <li key={variant.id} className="flex items-center justify-between gap-2">
            <Text size="small">{variantLabel(variant, variant.id)}</Text>
            <Button size="small" variant="secondary" onClick={() => onPick(variant)}>
              {actionLabel}
            </Button>
          </li>
        ))}
        {search.data && !variants.length ? (
          <Text size="small" className="text-ui-fg-subtle">
            No variant matches
          </Text>
        ) : null}
      </ul>
    </div>
  )
}
