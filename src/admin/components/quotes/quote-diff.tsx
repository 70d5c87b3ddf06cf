import { Badge, Table, Text } from "@medusajs/ui"
import { formatDate, formatMinor } from "../../lib/format"
import { termsLabel, type QuoteDiff as Diff, type QuoteDiffLine, type QuoteShipping } from "./types"

const COLORS = { added: "green", removed: "red", changed: "blue" } as const

function lineChange(line: QuoteDiffLine, money: (minor: string) => string): string {
  if (line.change !== "changed") return `${line.quantity} × ${money(line.unit_price_minor)}`
  const parts: string[] = []
  if (line.quantity) parts.push(`quantity ${line.quantity.from} → ${line.quantity.to}`)
  if (line.unit_price_minor)
    parts.push(`unit price ${money(line.unit_price_minor.from)} → ${money(line.unit_price_minor.to)}`)
  return parts.join("; ")
}

function termValue(field: string, value: unknown, money: (minor: string) => string): string {
  if (value === null || value === undefined) return "none"
  if (field === "discount_minor") return money(String(value))
  if (field === "shipping") {
    const s = value as QuoteShipping
    return `${s.name} ${money(s.amount_minor)}`
  }
  if (field === "payment_terms") return termsLabel(String(value))
  if (field === "expires_at") return formatDate(String(value))
  return String(value)
}

const TERM_LABELS: Record<string, string> = {
  discount_minor: "Discount",
  shipping: "Shipping",
  payment_terms: "Payment terms",
  expires_at: "Valid until",
}

/** What a version changed from the one before, line by line, then the terms. */
export const QuoteDiff = ({ diff, number, currency }: { diff: Diff | null; number: number; currency: string }) => {
  const money = (minor: string) => formatMinor(minor, currency)
  if (!diff) {
    return (
      <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
        Version {number} is the buyer's request: there is nothing before it to compare.
      </Text>
    )
  }
  return (
    <Table data-testid="quote-diff">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Change</Table.HeaderCell>
          <Table.HeaderCell>What</Table.HeaderCell>
          <Table.HeaderCell>
            v{diff.from_version} → v{number}
          </Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {diff.lines.map((line) => (
          <Table.Row key={`line-${line.variant_id}`}>
            <Table.Cell>
              <Badge size="2xsmall" color={COLORS[line.change]}>
                {line.change}
              </Badge>
            </Table.Cell>
            <Table.Cell>{line.title}</Table.Cell>
            <Table.Cell>{lineChange(line, money)}</Table.Cell>
          </Table.Row>
        ))}
        {diff.terms.map((term) => (
          <Table.Row key={`term-${term.field}`}>
            <Table.Cell>
              <Badge size="2xsmall" color="purple">
                terms
              </Badge>
            </Table.Cell>
            <Table.Cell>{TERM_LABELS[term.field] ?? term.field}</Table.Cell>
            <Table.Cell>
              {termValue(term.field, term.from, money)} → {termValue(term.field, term.to, money)}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
