import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Text } from "@medusajs/ui"
import { ApiError } from "../components/api-error"
import { RetrySyncButton } from "../components/erp/retry-sync-button"
import { SyncStatusBadge } from "../components/erp/sync-status-badge"
import type { OrderSyncResponse } from "../components/erp/types"
import { useSyncsGet } from "../components/erp/use-syncs-get"
import { PageSection } from "../components/page-section"
import { formatDate } from "../lib/format"

/** On Medusa's order page: where the order stands with each ERP connection, with a retry. */
const OrderErpSyncWidget = ({ data }: DetailWidgetProps<AdminOrder>) => {
  const sync = useSyncsGet<OrderSyncResponse>(`/admin/erp/orders/${data.id}/sync`, undefined, (d) => d.connections)
  const connections = sync.data?.connections ?? []
  return (
    <PageSection title="ERP sync">
      <ApiError error={sync.error} />
      {connections.length ? (
        connections.map((c) => (
          <div key={c.connection_id} className="flex flex-col gap-1 px-6 py-4" data-testid="order-erp-sync">
            <div className="flex items-center justify-between">
              <Text size="small" weight="plus">
                {c.connection_name ?? c.connection_id}
              </Text>
              <SyncStatusBadge status={c.status} />
            </div>
            <Text size="small">
              ERP id: <span className="font-mono text-xs">{c.erp_id ?? "—"}</span>
            </Text>
            <Text size="small">
              {c.event_type} · {c.attempts} attempt{c.attempts === 1 ? "" : "s"} · {formatDate(c.updated_at)}
            </Text>
            {c.last_error ? (
              <Text size="small" className="text-ui-fg-error break-words">
                Last error: {c.last_error}
              </Text>
            ) : null}
            <div>
              <RetrySyncButton syncId={c.latest_sync_id} />
            </div>
          </div>
        ))
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          {sync.isLoading ? "Loading…" : "Not sent to any ERP"}
        </Text>
      )}
    </PageSection>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side.after" })
export default OrderErpSyncWidget
