import { StatusBadge, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { formatDate } from "../../lib/format"
import { useAdminGet } from "../../lib/query"
import { ApiError } from "../api-error"
import { PageSection } from "../page-section"
import { Pager } from "../pager"
import { SecretOnce } from "../secret-once"
import { CreatePullClientDrawer } from "./create-pull-client-drawer"
import { RevokePullClientButton } from "./revoke-pull-client-button"
import type { CreatedPullClient, PullClientListResponse } from "./types"

const LIMIT = 20

/** ERPs that pull orders with OAuth2 client credentials: create (secret shown once), revoke. */
export const PullClientsSection = () => {
  const [offset, setOffset] = useState(0)
  const [created, setCreated] = useState<CreatedPullClient | null>(null)
  const list = useAdminGet<PullClientListResponse>("/admin/erp/pull-clients", { limit: LIMIT, offset })
  const clients = list.data?.pull_clients ?? []
  return (
    <PageSection
      title="Pull clients"
      subtitle="ERPs that fetch orders from the hub (OAuth2 client credentials)"
      actions={<CreatePullClientDrawer onCreated={setCreated} />}
    >
      {created ? (
        <div className="px-6 py-4">
          <Text size="small" className="mb-2">
            {created.pull_client.name}: client id{" "}
            <code className="font-mono text-xs">{created.pull_client.client_id}</code>
          </Text>
          <SecretOnce label="Client secret" value={created.client_secret} />
        </div>
      ) : null}
      <ApiError error={list.error} />
      {clients.length ? (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Name</Table.HeaderCell>
              <Table.HeaderCell>Client id</Table.HeaderCell>
              <Table.HeaderCell>Scopes</Table.HeaderCell>
              <Table.HeaderCell>Sales channels</Table.HeaderCell>
              <Table.HeaderCell>State</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {clients.map((c) => (
              <Table.Row key={c.id}>
                <Table.Cell>{c.name}</Table.Cell>
                <Table.Cell className="font-mono text-xs">{c.client_id}</Table.Cell>
                <Table.Cell>{c.scopes.join(", ")}</Table.Cell>
                <Table.Cell>{c.sales_channel_ids.join(", ")}</Table.Cell>
                <Table.Cell>
                  {c.revoked_at ? (
                    <StatusBadge color="grey">revoked {formatDate(c.revoked_at)}</StatusBadge>
                  ) : (
                    <StatusBadge color="green">active</StatusBadge>
                  )}
                </Table.Cell>
                <Table.Cell>{c.revoked_at ? null : <RevokePullClientButton client={c} />}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No pull clients
        </Text>
      )}
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onChange={setOffset} />
    </PageSection>
  )
}
