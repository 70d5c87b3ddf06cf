import { Button, CodeBlock, Text, toast } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { ApiError } from "../../../../components/api-error"
import { PageSection } from "../../../../components/page-section"
import { AttemptTable } from "../../../../components/webhooks/attempt-table"
import { DeliveryStatusBadge } from "../../../../components/webhooks/delivery-status"
import { WEBHOOKS_API, type DeliveryDetail } from "../../../../components/webhooks/types"
import { WebhooksNav } from "../../../../components/webhooks/webhooks-nav"
import { formatDate } from "../../../../lib/format"
import { useAdminAction, useAdminGet } from "../../../../lib/query"

/**
 * One delivery: its attempts (status, duration, start of the response), the
 * signed payload, and "Retry": a failed or finished delivery goes out again
 * with the same webhook-id, so the receiver deduplicates it as any retry.
 */
const WebhookDeliveryPage = () => {
  const { id } = useParams()
  const path = `${WEBHOOKS_API}/deliveries/${id}`
  const detail = useAdminGet<DeliveryDetail>(path, undefined, { refetchMs: 3_000 })
  const retry = useAdminAction<object>("POST", `${path}/retry`, [WEBHOOKS_API])
  const delivery = detail.data?.delivery
  const sendAgain = () => retry.mutate({}, { onSuccess: () => toast.success("Delivery queued again") })
  return (
    <div className="flex flex-col gap-4">
      <WebhooksNav />
      <ApiError error={detail.error} />
      {delivery ? (
        <>
          <PageSection
            title={`${delivery.event_type} delivery`}
            subtitle={delivery.id}
            actions={
              <Button size="small" variant="secondary" onClick={sendAgain} isLoading={retry.isPending}>
                Retry
              </Button>
            }
          >
            <div className="px-6 py-4 empty:hidden">
              <ApiError error={retry.error} />
            </div>
            <div className="grid grid-cols-4 gap-4 px-6 py-4">
              <div className="flex flex-col gap-1">
                <Text size="small" className="text-ui-fg-subtle">
                  Status
                </Text>
                <div>
                  <DeliveryStatusBadge status={delivery.status} attempts={delivery.attempts} />
                </div>
              </div>
              <Field label="Endpoint">
                <Link
                  to={`/webhooks/endpoints/${delivery.endpoint_id}`}
                  className="text-ui-fg-interactive hover:underline"
                >
                  {delivery.endpoint_id}
                </Link>
              </Field>
              <Field label="Event">{delivery.event_id}</Field>
              <Field label="Failure">{delivery.failure_reason ?? "—"}</Field>
              <Field label="Created">{formatDate(delivery.created_at)}</Field>
              <Field label="Completed">{formatDate(delivery.completed_at)}</Field>
              <Field label="Next attempt">{formatDate(delivery.next_attempt_at)}</Field>
              <Field label="Attempts">{delivery.attempts}</Field>
            </div>
          </PageSection>
          <PageSection title="Attempts" subtitle="Responses are shown up to 2,000 characters">
            <AttemptTable attempts={detail.data?.attempts ?? []} />
          </PageSection>
          <PageSection title="Request body" subtitle="The signed payload, as every attempt sent it">
            <div className="px-6 py-4">
              <CodeBlock
                snippets={[{ label: "JSON", language: "json", code: JSON.stringify(detail.data?.payload, null, 2) }]}
              >
                <CodeBlock.Body />
              </CodeBlock>
            </div>
          </PageSection>
        </>
      ) : null}
    </div>
  )
}

const Field = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="flex flex-col gap-1">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small" className="break-all">
      {children}
    </Text>
  </div>
)

export default WebhookDeliveryPage
