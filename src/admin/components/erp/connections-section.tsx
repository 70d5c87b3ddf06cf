import { StatusBadge, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { useAdminGet } from "../../lib/query"
import { ApiError } from "../api-error"
import { PageSection } from "../page-section"
import { Pager } from "../pager"
import { ConnectionEnabledToggle } from "./connection-enabled-toggle"
import { ConnectionTest } from "./connection-test"
import { CreateConnectionDrawer } from "./create-connection-drawer"
import { ReplaceCredentialsDrawer } from "./replace-credentials-drawer"
import type { ConnectionListResponse } from "./types"

const LIMIT = 20

/** The ERP connections: test, disable/enable, replace credentials, create. */
export const ConnectionsSection = () => {
  const [offset, setOffset] = useState(0)
  const list = useAdminGet<ConnectionListResponse>("/admin/erp/connections", { limit: LIMIT, offset })
  const connections = list.data?.connections ?? []
  return (
    <PageSection title="Connections" subtitle="ERPs that orders are pushed to" actions={<CreateConnectionDrawer />}>
      <ApiError error={list.error} />
      {connections.length ? (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Name</Table.HeaderCell>
              <Table.HeaderCell>Kind</Table.HeaderCell>
              <Table.HeaderCell>State</Table.HeaderCell>
              <Table.HeaderCell>Credentials</Table.HeaderCell>
              <Table.HeaderCell>Test</Table.HeaderCell>
              <Table.HeaderCell>Actions</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {connections.map((c) => (
              <Table.Row key={c.id}>
                <Table.Cell>{c.name}</Table.Cell>
                <Table.Cell>{c.kind}</Table.Cell>
                <Table.Cell>
                  <StatusBadge color={c.enabled ? "green" : "grey"}>{c.enabled ? "enabled" : "disabled"}</StatusBadge>
                </Table.Cell>
                <Table.Cell>{c.has_credentials ? "set (write-only)" : "none"}</Table.Cell>
                <Table.Cell className="py-2">
                  <ConnectionTest connectionId={c.id} />
                </Table.Cell>
                <Table.Cell>
                  <div className="flex gap-2">
                    <ReplaceCredentialsDrawer connection={c} />
                    <ConnectionEnabledToggle connection={c} />
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No connections
        </Text>
      )}
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onChange={setOffset} />
    </PageSection>
  )
}
