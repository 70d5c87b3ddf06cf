import { defineRouteConfig } from "@medusajs/admin-sdk"
import { useState } from "react"
import { ApiError } from "../../../components/api-error"
import { PageSection } from "../../../components/page-section"
import { CursorPager } from "../../../components/webhooks/cursor-pager"
import { DeliveryFilters, type DeliveryFilterValues } from "../../../components/webhooks/delivery-filters"
import { DeliveryTable } from "../../../components/webhooks/delivery-table"
import { WEBHOOKS_API, type DeliveryPage, type Endpoint, type EventType } from "../../../components/webhooks/types"
import { useCursor } from "../../../components/webhooks/use-cursor"
import { WebhooksNav } from "../../../components/webhooks/webhooks-nav"
import { useAdminGet } from "../../../lib/query"

const PAGE = 25

/** The delivery log: every endpoint's deliveries, newest first, filtered by endpoint, status and event type. */
const WebhookDeliveriesPage = () => {
  const [filters, setFilters] = useState<DeliveryFilterValues>({})
  const cursor = useCursor()
  const deliveries = useAdminGet<DeliveryPage>(
    `${WEBHOOKS_API}/deliveries`,
    { ...filters, limit: PAGE, cursor: cursor.cursor },
    { refetchMs: 10_000 }
  )
  const endpoints = useAdminGet<{ endpoints: Endpoint[] }>(`${WEBHOOKS_API}/endpoints`)
  const eventTypes = useAdminGet<{ event_types: EventType[] }>(`${WEBHOOKS_API}/event-types`)
  const filter = (next: DeliveryFilterValues) => {
    cursor.reset()
    setFilters(next)
  }
  return (
    <div className="flex flex-col gap-4">
      <WebhooksNav />
      <PageSection title="Delivery log" subtitle="Every webhook the hub sent or will send, newest first">
        <DeliveryFilters
          value={filters}
          onChange={filter}
          endpoints={endpoints.data?.endpoints ?? []}
          eventTypes={eventTypes.data?.event_types ?? []}
        />
        <div className="px-6 py-2 empty:hidden">
          <ApiError error={deliveries.error ?? endpoints.error ?? eventTypes.error} />
        </div>
        <DeliveryTable deliveries={deliveries.data?.deliveries ?? []} endpoints={endpoints.data?.endpoints ?? []} />
        <CursorPager
          previous={cursor.previous}
          nextCursor={deliveries.data?.next_cursor ?? null}
          shown={deliveries.data?.deliveries.length ?? 0}
          onPrevious={cursor.back}
          onNext={cursor.next}
        />
      </PageSection>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Delivery log" })
export default WebhookDeliveriesPage
