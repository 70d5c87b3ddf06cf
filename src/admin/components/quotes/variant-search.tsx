import { Button, Input, Text } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminGet } from "../../lib/query"

export type FoundVariant = { id: string; title: string; sku: string | null; product?: { title: string } | null }

type Props = { exclude: string[]; onAdd: (variant: FoundVariant) => void }

/** Finds a product variant by title or SKU (Medusa's /admin/product-variants) to add as a quote line. */
export const VariantSearch = ({ exclude, onAdd }: Props) => {
  const [q, setQ] = useState("")
  const term = q.trim()
  const { data, error } = useAdminGet<{ variants: FoundVariant[] }>(
    term.length >= 2 ? "/admin/product-variants" : null,
    { q: term, limit: 8, fields: "id,title,sku,product.title" }
  )
  const found = (data?.variants ?? []).filter((v) => !exclude.includes(v.id))
  return (
    <div className="flex flex-col gap-2">
      <Input
        size="small"
        type="search"
        placeholder="Add a line: search a product or SKU"
        aria-label="Search variants"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <ApiError error={error} />
      {term.length >= 2 && data && found.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          No other variant matches “{term}”.
        </Text>
      ) : null}
      {term.length >= 2
        ? found.map((v) => (
            <div key={v.id} className="flex items-center justify-between gap-2">
              <Text size="small">
                {v.product?.title ? `${v.product.title} · ` : ""}
                {v.title} {v.sku ? `(${v.sku})` : ""}
              </Text>
              <Button
                size="small"
                variant="secondary"
                onClick={() => {
                  onAdd(v)
                  setQ("")
                }}
              >
                Add {v.sku ?? v.title}
              </Button>
            </div>
          ))
        : null}
    </div>
  )
}
