import { generateKeyPairSync } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ERP_MODULE } from "../../modules/erp"
import type ErpModuleService from "../../modules/erp/service"
import { generateClientCredentials, hashSecret } from "../../lib/crypto/client-secret"
import { OUTBOX_MODULE } from "../../modules/outbox"
import type OutboxModuleService from "../../modules/outbox/service"
import { createWebhookEndpointWorkflow } from "../../workflows/outbox/create-webhook-endpoint"
import { createErpConnectionWorkflow } from "../../workflows/erp/create-erp-connection"

export type SeededIntegrations = {
  erp_connection_id?: string
  pull_client?: { client_id: string; client_secret: string }
  partner_id?: string
  webhook_endpoint_id?: string
  webhook_secret?: string
}

/**
 * The demo's integration targets: a NetSuite connection (pointing at the ERP
 * sandbox), an ERP pull client, and a partner endpoint (pointing at the
 * partner receiver). Re-running updates URLs and rotates the pull secret.
 */
export async function seedDemoIntegrations(
  container: MedusaContainer,
  input: {
    netsuiteBaseUrl?: string
    netsuiteTokenUrl?: string
    partnerUrl?: string
    salesChannelId?: string
    /** The buyer company the demo partner (Acme's analytics vendor) is granted. */
    partnerCompanyId?: string
  }
): Promise<SeededIntegrations> {
  const erp = container.resolve<ErpModuleService>(ERP_MODULE)
  const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const out: SeededIntegrations = {}

  if (input.netsuiteBaseUrl) {
    const settings = {
      accountId: "TSTDRV0001",
      baseUrl: input.netsuiteBaseUrl,
      tokenUrl: input.netsuiteTokenUrl,
      concurrency: 10,
    }
    const [existing] = await erp.listErpConnections({ name: "NetSuite (demo sandbox)" })
    if (existing) {
      await erp.updateErpConnections({ id: existing.id, settings, enabled: true })
      out.erp_connection_id = existing.id
    } else {
      const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
      const credentials = {
        clientId: "demo-integration",
        certificateId: "demo-cert-1",
        privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      }
      // The admin API's path: settings checked, credentials sealed by the ERP module.
      const { result: created } = await createErpConnectionWorkflow(container).run({
        input: { name: "NetSuite (demo sandbox)", kind: "netsuite", settings, credentials, concurrency: 10 },
      })
      out.erp_connection_id = created.id
    }
    const [client] = await erp.listErpPullClients({ name: "Demo warehouse ERP" })
    const creds = generateClientCredentials("erp")
    const fields = {
      client_secret_hash: await hashSecret(creds.client_secret),
      scopes: ["orders:read", "orders:ack", "fulfillments:write"],
      sales_channel_ids: input.salesChannelId ? [input.salesChannelId] : ["*"],
      company_ids: [],
    }
    if (client) {
      await erp.updateErpPullClients({ id: client.id, ...fields })
      out.pull_client = { client_id: client.client_id, client_secret: creds.client_secret }
    } else {
      await erp.createErpPullClients({ name: "Demo warehouse ERP", client_id: creds.client_id, ...fields })
      out.pull_client = creds
    }
  }

  if (input.partnerUrl) {
    let [partner] = await hub.listPartners({ name: "Acme Analytics" })
    if (!partner) {
      const creds = generateClientCredentials("ptn")
      partner = await hub.createPartners({
        name: "Acme Analytics",
        client_id: creds.client_id,
        client_secret_hash: await hashSecret(creds.client_secret),
      })
    }
    // Acme's analytics vendor sees Acme's orders, invoices, quotes and approvals, and no other company's.
    await hub.updatePartner(partner.id, {
      grants: input.partnerCompanyId
        ? { sales_channel_ids: ["*"], company_ids: [input.partnerCompanyId] }
        : { sales_channel_ids: ["*"], company_ids: [] },
    })
    const [endpoint] = await hub.listWebhookEndpoints({ partner_id: partner.id })
    const eventTypes = [
      "order.placed",
      "order.updated",
      "order.canceled",
      "order.fulfillment_created",
      "order.shipped",
      "invoice.issued",
      "invoice.paid",
      "erp.sync_failed",
      "approval.requested",
      "approval.approved",
      "quote.requested",
      "quote.sent",
      "quote.accepted",
      "quote.rejected",
      "quote.expired",
    ]
    if (endpoint) {
      await hub.updateWebhookEndpoints({
        id: endpoint.id,
        url: input.partnerUrl,
        event_types: eventTypes,
        disabled_at: null,
        failing_since: null,
      })
      out.webhook_secret = await hub.currentSigningSecret(endpoint.id)
      out.webhook_endpoint_id = endpoint.id
    } else {
      // The partner API's path: URL checked against the SSRF policy, secret sealed by the outbox.
      const { result } = await createWebhookEndpointWorkflow(container).run({
        input: {
          partner_id: partner.id,
          endpoint: { url: input.partnerUrl, description: "Demo partner receiver", event_types: eventTypes },
        },
      })
      out.webhook_secret = result.secret
      out.webhook_endpoint_id = result.endpoint.id
    }
    out.partner_id = partner.id
  }
  return out
}
