import { Button, IconButton, Input, Text } from "@medusajs/ui"
import { Trash } from "@medusajs/icons"
import { useEffect, useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { PreviewTable } from "./preview-table"
import { CONTRACTS_API, type ContractPreview } from "./types"
import { variantLabel, type VariantOption } from "./use-variants"
import { VariantPicker } from "./variant-picker"

type BasketLine = { variant: VariantOption; quantity: string }

/**
 * Staff build a basket (variants and quantities) and see what the contract
 * charges for it: the same prices and explanation text a buyer's cart shows.
 * A shown preview is priced again when the rules change (`rulesKey`).
 */
export const BasketPreview = ({ contractId, rulesKey }: { contractId: string; rulesKey: string }) => {
  const [basket, setBasket] = useState<BasketLine[]>([])
  const preview = useAdminAction<{ items: { variant_id: string; quantity: number }[] }, { preview: ContractPreview }>(
    "POST",
    `${CONTRACTS_API}/${contractId}/preview`,
    []
  )
  const run = (lines = basket) =>
    preview.mutate({ items: lines.map((l) => ({ variant_id: l.variant.id, quantity: Number(l.quantity) })) })

  const { mutate, data } = preview
  useEffect(() => {
    if (data && basket.length)
      mutate({ items: basket.map((l) => ({ variant_id: l.variant.id, quantity: Number(l.quantity) })) })
    // Only a change of the contract's rules re-prices on its own; basket edits wait for "Preview prices".
  }, [rulesKey])

  const add = (variant: VariantOption) =>
    setBasket((lines) =>
      lines.some((l) => l.variant.id === variant.id) ? lines : [...lines, { variant, quantity: "1" }]
    )
  return (
    <div className="flex flex-col gap-4 px-6 py-4">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <VariantPicker id="basket-variant-search" label="Add a variant to the basket" actionLabel="Add" onPick={add} />
        <div className="flex flex-col gap-2" aria-label="Basket">
          <Text size="small" weight="plus">
            Basket
          </Text>
          {!basket.length ? (
            <Text size="small" className="text-ui-fg-subtle">
              Add variants, set quantities, then preview their prices.
            </Text>
          ) : null}
          {basket.map((line, index) => (
            <div key={line.variant.id} className="grid grid-cols-[1fr_6rem_auto] items-center gap-2">
              <Text size="small">{variantLabel(line.variant, line.variant.id)}</Text>
              <Input
                size="small"
                type="number"
                min={1}
                aria-label={`Quantity of ${variantLabel(line.variant, line.variant.id)}`}
                value={line.quantity}
                onChange={(e) =>
                  setBasket((lines) => lines.map((l, i) => (i === index ? { ...l, quantity: e.target.value } : l)))
                }
              />
              <IconButton
                size="small"
                variant="transparent"
                aria-label={`Remove ${variantLabel(line.variant, line.variant.id)}`}
                onClick={() => setBasket((lines) => lines.filter((_, i) => i !== index))}
              >
                <Trash />
              </IconButton>
            </div>
          ))}
          <Button
            size="small"
            className="self-start"
            disabled={!basket.length}
            isLoading={preview.isPending}
            onClick={() => run()}
          >
            Preview prices
          </Button>
        </div>
      </div>
      <ApiError error={preview.error} />
      {preview.data && !preview.error ? <PreviewTable preview={preview.data.preview} /> : null}
    </div>
  )
}
