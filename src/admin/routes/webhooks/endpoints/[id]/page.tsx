import { Text } from "@medusajs/ui"
import { useState } from "react"
import { useParams } from "react-router-dom"
import { ApiError } from "../../../../components/api-error"
import { PageSection } from "../../../../components/page-section"
import { SecretOnce } from "../../../../components/secret-once"
import { CursorPager } from "../../../../components/webhooks/cursor-pager"
import { DeliveryTable } from "../../../../components/webhooks/delivery-table"
import { EndpointActions } from "../../../../components/webhooks/endpoint-actions"
import {
  BreakerBadge,
  EndpointStateBadge,
  RecentCounts,
  successRate,
} from "../../../../components/webhooks/endpoint-health"
import { RecoverForm } from "../../../../components/webhooks/recover-form"
import { WEBHOOKS_API, type DeliveryPage, type Endpoint } from "../../../../components/webhooks/types"
import { useCursor } from "../../../../components/webhooks/use-cursor"
import { WebhooksNav } from "../../../../components/webhooks/webhooks-nav"
import { formatDate } from "../../../../lib/format"
import { useAdminGet } from "../../../../lib/query"

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="flex flex-col gap-1">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <div className="text-ui-fg-base txt-small">{children}</div>
  </div>
)

/** One endpoint: its health and settings, its actions, recover since a time, its deliveries. */
const WebhookEndpointPage = () => {
  const { id } = useParams()
  const answer = useAdminGet<{ endpoint: Endpoint }>(`${WEBHOOKS_API}/endpoints/${id}`, undefined, { refetchMs: 5_000 })
  const cursor = useCursor()
  const deliveries = useAdminGet<DeliveryPage>(
    `${WEBHOOKS_API}/deliveries`,
    { endpoint_id: id, limit: 20, cursor: cursor.cursor },
    { refetchMs: 5_000 }
  )
  const [secret, setSecret] = useState<string | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)
  const endpoint = answer.data?.endpoint
  return (
    <div className="flex flex-col gap-4">
      <WebhooksNav />
      <ApiError error={answer.error} />
      {endpoint ? (
        <>
          <PageSection
            title={endpoint.url}
            subtitle={endpoint.description ?? endpoint.id}
            actions={<EndpointActions endpoint={endpoint} onSecret={setSecret} onError={setActionError} />}
          >
            <div className="flex flex-col gap-2 px-6 py-4 empty:hidden">
              <ApiError error={actionError} />
              {secret ? <SecretOnce label="New signing secret" value={secret} /> : null}
            </div>
            <div className="grid grid-cols-4 gap-4 px-6 py-4">
              <Fact label="State">
                <EndpointStateBadge endpoint={endpoint} />
              </Fact>
              <Fact label="Success rate">{successRate(endpoint)}</Fact>
              <Fact label="Breaker">
                <BreakerBadge endpoint={endpoint} />
              </Fact>
              <Fact label="Latest deliveries">
                <RecentCounts endpoint={endpoint} />
              </Fact>
              <Fact label="Failing since">{formatDate(endpoint.failing_since)}</Fact>
              <Fact label="Disabled">
                {endpoint.disabled_at
                  ? `${formatDate(endpoint.disabled_at)} (${endpoint.disabled_reason ?? "by staff"})`
                  : "—"}
              </Fact>
              <Fact label="Last delivery">{formatDate(endpoint.health?.last_delivery_at)}</Fact>
              <Fact label="Event types">{endpoint.event_types.join(", ")}</Fact>
            </div>
          </PageSection>
          <PageSection title="Recover" subtitle="Send again the failed deliveries created since a time">
            <RecoverForm endpointId={endpoint.id} />
          </PageSection>
          <PageSection title="Deliveries">
            <ApiError error={deliveries.error} />
            <DeliveryTable deliveries={deliveries.data?.deliveries ?? []} />
            <CursorPager
              previous={cursor.previous}
              nextCursor={deliveries.data?.next_cursor ?? null}
              shown={deliveries.data?.deliveries.length ?? 0}
              onPrevious={cursor.back}
              onNext={cursor.next}
            />
          </PageSection>
        </>
      ) : null}
    </div>
  )
}

export default WebhookEndpointPage
