import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BoltSolid } from "@medusajs/icons"
import { useState } from "react"
import { ApiError } from "../../components/api-error"
import { PageSection } from "../../components/page-section"
import { SecretOnce } from "../../components/secret-once"
import { PartnerCreate, type IssuedCredentials } from "../../components/webhooks/partner-create"
import { PartnerTable } from "../../components/webhooks/partner-table"
import { WEBHOOKS_API, type Partner } from "../../components/webhooks/types"
import { WebhooksNav } from "../../components/webhooks/webhooks-nav"
import { useAdminGet } from "../../lib/query"

/**
 * Partners: the companies' integrators who receive webhooks and call the
 * partner API with OAuth client credentials. A client secret is shown once,
 * right after it is issued, and lives only in this page's state.
 */
const WebhookPartnersPage = () => {
  const partners = useAdminGet<{ partners: Partner[] }>(`${WEBHOOKS_API}/partners`)
  const [issued, setIssued] = useState<IssuedCredentials | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)
  const onIssued = (next: IssuedCredentials) => {
    setActionError(null)
    setIssued(next)
  }
  return (
    <div className="flex flex-col gap-4">
      <WebhooksNav />
      <PageSection
        title="Webhook partners"
        subtitle="Who receives the hub's webhooks and calls the partner API"
        actions={<PartnerCreate onCreated={onIssued} />}
      >
        <div className="flex flex-col gap-2 px-6 py-4 empty:hidden">
          <ApiError error={partners.error ?? actionError} />
          {issued ? (
            <SecretOnce
              label={`${issued.partner.name} (client id ${issued.client_id}), client secret`}
              value={issued.client_secret}
            />
          ) : null}
        </div>
        <PartnerTable partners={partners.data?.partners ?? []} onIssued={onIssued} onError={setActionError} />
      </PageSection>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Webhooks", icon: BoltSolid })
export default WebhookPartnersPage
