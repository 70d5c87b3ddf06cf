// The priced cart an approver decides on, with each line's contract explanation.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

const FIELDS = [
  "id",
  "currency_code",
  "email",
  "metadata",
  "subtotal",
  "discount_total",
  "shipping_total",
  "tax_total",
  "total",
  "items.id",
  "items.title",
  "items.variant_id",
  "items.variant_sku",
  "items.quantity",
  "items.unit_price",
  "items.subtotal",
  "items.total",
  "items.metadata",
  "shipping_methods.name",
  "shipping_methods.amount",
]

type CartRow = {
  id: string
  currency_code: string
  email: string | null
  metadata: Record<string, unknown> | null
  items: ({ metadata?: Record<string, unknown> | null } & Record<string, unknown>)[]
} & Record<string, unknown>

export async function approvalCartView(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: FIELDS, filters: { id: cartId } })
  const cart = data[0] as CartRow | undefined
  if (!cart) return null
  return {
    id: cart.id,
    currency_code: cart.currency_code,
    email: cart.email,
    po_number: (cart.metadata?.po_number as string | undefined) ?? null,
    subtotal: cart.subtotal,
    discount_total: cart.discount_total,
    shipping_total: cart.shipping_total,
    tax_total: cart.tax_total,
    total: cart.total,
    items: (cart.items ?? []).map(({ metadata, ...item }) => ({
      ...item,
      contract_rule_id: metadata?.contract_rule_id ?? null,
      price_explanation: metadata?.price_explanation ?? null,
    })),
    shipping_methods: cart.shipping_methods,
  }
}
