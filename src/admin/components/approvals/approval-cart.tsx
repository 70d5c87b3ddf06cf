import { Table, Text } from "@medusajs/ui"
import { formatMinor } from "../../lib/format"
import { toMinor } from "../../../lib/money/to-minor"
import type { ApprovalCart as Cart } from "./types"

/** Medusa's cart amounts are major units: read exactly (as decimal strings) into minor units before formatting. */
function cartMoney(amount: number | string | null | undefined, currency: string) {
  if (amount === null || amount === undefined) return "—"
  return formatMinor(toMinor(String(amount), currency, { round: true }), currency)
}

/** The priced cart the approver decides on: each line with the contract's explanation of its price, then the totals. */
export const ApprovalCart = ({ cart }: { cart: Cart }) => {
  const money = (amount: number | string | null | undefined) => cartMoney(amount, cart.currency_code)
  const totals: [string, number | string | null][] = [
    ["Subtotal", cart.subtotal],
    ["Discount", cart.discount_total],
    [
      `Shipping${cart.shipping_methods?.length ? ` (${cart.shipping_methods.map((m) => m.name).join(", ")})` : ""}`,
      cart.shipping_total,
    ],
    ["Tax", cart.tax_total],
    ["Total", cart.total],
  ]
  return (
    <div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Item</Table.HeaderCell>
            <Table.HeaderCell>SKU</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Quantity</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Unit price</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Line total</Table.HeaderCell>
            <Table.HeaderCell>Contract price</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {cart.items.map((item) => (
            <Table.Row key={item.id}>
              <Table.Cell>{item.title}</Table.Cell>
              <Table.Cell>{item.variant_sku ?? "—"}</Table.Cell>
              <Table.Cell className="text-right">{item.quantity}</Table.Cell>
              <Table.Cell className="text-right">{money(item.unit_price)}</Table.Cell>
              <Table.Cell className="text-right">{money(item.subtotal)}</Table.Cell>
              <Table.Cell className="whitespace-normal">
                <Text size="small" className={item.price_explanation ? "" : "text-ui-fg-subtle"}>
                  {item.price_explanation ?? "catalogue price (no contract rule)"}
                </Text>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 px-6 py-4 sm:w-96 sm:ml-auto">
        {totals.map(([label, amount]) => (
          <div key={label} className="contents">
            <dt className="text-ui-fg-subtle txt-small">{label}</dt>
            <dd className="txt-small text-right">{money(amount)}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
