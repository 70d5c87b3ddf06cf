import { Table, Text } from "@medusajs/ui"
import { formatDate, formatMinor } from "../../lib/format"
import { termsLabel, type QuoteVersion } from "./types"

/** A version's lines (quoted price against the contract's reference) and its terms and totals. */
export const QuoteVersionLines = ({ version, currency }: { version: QuoteVersion; currency: string }) => {
  const money = (minor: string) => formatMinor(minor, currency)
  const totals: [string, string][] = [
    ["Subtotal", money(version.subtotal_minor)],
    ["Discount", version.discount_minor === "0" ? "—" : `− ${money(version.discount_minor)}`],
    [
      `Shipping${version.shipping ? ` (${version.shipping.name})` : ""}`,
      version.shipping ? money(version.shipping_minor) : "none",
    ],
    ["Total before tax", money(version.total_minor)],
    ["Payment terms", termsLabel(version.payment_terms)],
    ["Valid until", formatDate(version.expires_at)],
  ]
  return (
    <div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Item</Table.HeaderCell>
            <Table.HeaderCell>SKU</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Quantity</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Contract price</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Quoted price</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Line total</Table.HeaderCell>
            <Table.HeaderCell>How the contract prices it</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {version.lines.map((line) => (
            <Table.Row key={line.variant_id}>
              <Table.Cell>{line.title}</Table.Cell>
              <Table.Cell>{line.sku ?? "—"}</Table.Cell>
              <Table.Cell className="text-right">{line.quantity}</Table.Cell>
              <Table.Cell className="text-right">{money(line.contract_unit_price_minor)}</Table.Cell>
              <Table.Cell className="text-right">{money(line.unit_price_minor)}</Table.Cell>
              <Table.Cell className="text-right">{money(line.subtotal_minor)}</Table.Cell>
              <Table.Cell className="whitespace-normal">
                <Text size="small" className="text-ui-fg-subtle">
                  {line.explanation ??
                    (line.unit_price_minor === line.contract_unit_price_minor ? "—" : "price set by staff")}
                </Text>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 px-6 py-4 sm:ml-auto sm:w-96">
        {totals.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="txt-small text-ui-fg-subtle">{label}</dt>
            <dd className="txt-small text-right">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
