import { StatusBadge, Table, Text } from "@medusajs/ui"
import { formatDate } from "../../lib/format"
import { Pager } from "../pager"
import { usePageSlice } from "./page-slice"
import { PartnerActions } from "./partner-actions"
import type { IssuedCredentials } from "./partner-create"
import type { Partner, PartnerGrants } from "./types"

/** "Every company and channel", "2 companies, 1 channel" or "Nothing": what a partner receives. */
export function grantsSummary(grants: PartnerGrants): string {
  const everyChannel = grants.sales_channel_ids.includes("*")
  if (everyChannel && grants.company_ids.length === 0) return "Every company and channel"
  if (!grants.company_ids.length && !grants.sales_channel_ids.length) return "Nothing"
  const parts = []
  if (grants.company_ids.length)
    parts.push(`${grants.company_ids.length} compan${grants.company_ids.length === 1 ? "y" : "ies"}`)
  if (!everyChannel) parts.push(`${grants.sales_channel_ids.length} channel(s)`)
  return parts.join(", ")
}

type Props = { partners: Partner[]; onIssued: (issued: IssuedCredentials) => void; onError: (e: unknown) => void }

/** The partners, a page at a time, with their credential actions. */
export const PartnerTable = ({ partners, onIssued, onError }: Props) => {
  const page = usePageSlice(partners)
  return (
    <>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Name</Table.HeaderCell>
            <Table.HeaderCell>Client id</Table.HeaderCell>
            <Table.HeaderCell>Grants</Table.HeaderCell>
            <Table.HeaderCell>Credentials</Table.HeaderCell>
            <Table.HeaderCell>Created</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {page.rows.map((p) => (
            <Table.Row key={p.id}>
              <Table.Cell>{p.name}</Table.Cell>
              <Table.Cell>
                <Text size="small" className="font-mono">
                  {p.client_id}
                </Text>
              </Table.Cell>
              <Table.Cell>{grantsSummary(p.grants)}</Table.Cell>
              <Table.Cell>
                <StatusBadge color={p.revoked_at ? "red" : "green"}>{p.revoked_at ? "revoked" : "active"}</StatusBadge>
              </Table.Cell>
              <Table.Cell>{formatDate(p.created_at)}</Table.Cell>
              <Table.Cell>
                <PartnerActions partner={p} onIssued={onIssued} onError={onError} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Pager count={page.count} limit={page.limit} offset={page.offset} onChange={page.setOffset} />
    </>
  )
}
