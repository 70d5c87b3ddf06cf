import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Text } from "@medusajs/ui"
import { ApiError } from "../components/api-error"
import { PageSection } from "../components/page-section"
import { CursorPager } from "../components/webhooks/cursor-pager"
import { DeliveryTable } from "../components/webhooks/delivery-table"
import { WEBHOOKS_API, type DeliveryPage, type Endpoint } from "../components/webhooks/types"
import { useCursor } from "../components/webhooks/use-cursor"
import { useAdminGet } from "../lib/query"

/** On Medusa's order page: the webhooks sent about this order, each linking to its delivery. */
const OrderWebhooksWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const cursor = useCursor()
  const deliveries = useAdminGet<DeliveryPage>(`${WEBHOOKS_API}/deliveries`, {
    resource_type: "order",
    resource_id: order.id,
    limit: 10,
    cursor: cursor.cursor,
  })
  const endpoints = useAdminGet<{ endpoints: Endpoint[] }>(`${WEBHOOKS_API}/endpoints`)
  const rows = deliveries.data?.deliveries ?? []
  return (
    <div data-testid="order-webhooks">
      <PageSection title="Webhooks" subtitle="Sent to partners about this order">
        <div className="px-6 py-2 empty:hidden">
          <ApiError error={deliveries.error} />
        </div>
        {rows.length || cursor.previous.length ? (
          <>
            <DeliveryTable deliveries={rows} endpoints={endpoints.data?.endpoints ?? []} compact />
            <CursorPager
              previous={cursor.previous}
              nextCursor={deliveries.data?.next_cursor ?? null}
              shown={rows.length}
              onPrevious={cursor.back}
              onNext={cursor.next}
            />
          </>
        ) : (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">
            {deliveries.isLoading ? "Loading…" : "No webhook was sent about this order."}
          </Text>
        )}
      </PageSection>
    </div>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.after" })
export default OrderWebhooksWidget
