import { useAdminGet } from "../../lib/query"

/** A product variant as Medusa's GET /admin/product-variants returns it with VARIANT_FIELDS. */
export type VariantOption = {
  id: string
  title: string | null
  sku: string | null
  product?: { title: string | null } | null
}
export type VariantListResponse = { variants: VariantOption[]; count: number }

const VARIANTS_API = "/admin/product-variants"
const VARIANT_FIELDS = "id,title,sku,product.title"

/** "Safety Gloves (pair) — Default (GLOVE-L)". */
export function variantLabel(variant: VariantOption | undefined, fallback: string): string {
  if (!variant) return fallback
  const name = [variant.product?.title, variant.title].filter(Boolean).join(" — ") || variant.id
  return variant.sku ? `${name} (${variant.sku})` : name
}

/** Variants matching a search (title, SKU), for a picker. */
export function useVariantSearch(q: string, limit: number) {
  return useAdminGet<VariantListResponse>(VARIANTS_API, { q: q.trim(), limit, fields: VARIANT_FIELDS })
}

/** Labels of the variants some rules name, in one request. */
export function useVariantLabels(ids: (string | null | undefined)[]): Map<string, VariantOption> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))].sort()
  const list = useAdminGet<VariantListResponse>(unique.length ? VARIANTS_API : null, {
    id: unique,
    limit: Math.max(unique.length, 1),
    fields: VARIANT_FIELDS,
  })
  return new Map((list.data?.variants ?? []).map((v) => [v.id, v]))
}
