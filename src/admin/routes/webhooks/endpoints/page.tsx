import { defineRouteConfig } from "@medusajs/admin-sdk"
import { useState } from "react"
import { ApiError } from "../../../components/api-error"
import { PageSection } from "../../../components/page-section"
import { SecretOnce } from "../../../components/secret-once"
import { EndpointCreate, type CreatedEndpoint } from "../../../components/webhooks/endpoint-create"
import { EndpointTable } from "../../../components/webhooks/endpoint-table"
import { WEBHOOKS_API, type Endpoint, type Partner } from "../../../components/webhooks/types"
import { WebhooksNav } from "../../../components/webhooks/webhooks-nav"
import { useAdminGet } from "../../../lib/query"

/** Every partner's endpoints with their health; refreshed every 10 s. */
const WebhookEndpointsPage = () => {
  const endpoints = useAdminGet<{ endpoints: Endpoint[] }>(`${WEBHOOKS_API}/endpoints`, undefined, {
    refetchMs: 10_000,
  })
  const partners = useAdminGet<{ partners: Partner[] }>(`${WEBHOOKS_API}/partners`)
  const [created, setCreated] = useState<CreatedEndpoint | null>(null)
  const activePartners = (partners.data?.partners ?? []).filter((p) => !p.revoked_at)
  return (
    <div className="flex flex-col gap-4">
      <WebhooksNav />
      <PageSection
        title="Webhook endpoints"
        subtitle="Success rate and counts over each endpoint's latest 100 deliveries"
        actions={<EndpointCreate partners={activePartners} onCreated={setCreated} />}
      >
        <div className="flex flex-col gap-2 px-6 py-4 empty:hidden">
          <ApiError error={endpoints.error ?? partners.error} />
          {created ? <SecretOnce label={`Signing secret of ${created.endpoint.url}`} value={created.secret} /> : null}
        </div>
        <EndpointTable endpoints={endpoints.data?.endpoints ?? []} partners={partners.data?.partners ?? []} />
      </PageSection>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Endpoints" })
export default WebhookEndpointsPage
