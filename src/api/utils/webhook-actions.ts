/**
 * The endpoint and delivery actions, shared by the partner API (scoped to the
 * caller: `partnerId` set, another partner's resource is 404) and the admin
 * API (`partnerId` undefined: every partner). Secrets appear only in the
 * responses of the calls that create them.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../modules/outbox"
import type OutboxModuleService from "../../modules/outbox/service"
import { attemptView, deliveryView, endpointView } from "../../modules/outbox/lib/views"
import type { EndpointRow } from "../../modules/outbox/lib/views"
import type {
  CreateEndpointType,
  ListDeliveriesType,
  RecoverEndpointType,
  RotateSecretType,
  UpdateEndpointType,
} from "./webhook-validators"

const hubOf = (req: MedusaRequest<any>) => req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)

export async function listEndpoints(
  req: MedusaRequest,
  res: MedusaResponse,
  filters: { partner_id?: string; enabled?: boolean }
) {
  const rows = (await hubOf(req).listEndpointRows(filters)) as EndpointRow[]
  res.json({ endpoints: rows.map(endpointView) })
}

export async function createEndpoint(req: MedusaRequest<CreateEndpointType>, res: MedusaResponse, partnerId: string) {
  const { endpoint, secret } = await hubOf(req).createEndpoint(partnerId, req.validatedBody)
  res.status(201).json({ endpoint: endpointView(endpoint), secret })
}

export async function getEndpoint(req: MedusaRequest, res: MedusaResponse, partnerId?: string) {
  res.json({ endpoint: endpointView(await hubOf(req).endpointRow(req.params.id, partnerId)) })
}

export async function updateEndpoint(req: MedusaRequest<UpdateEndpointType>, res: MedusaResponse, partnerId?: string) {
  res.json({ endpoint: endpointView(await hubOf(req).updateEndpoint(req.params.id, req.validatedBody, partnerId)) })
}

export async function deleteEndpoint(req: MedusaRequest, res: MedusaResponse, partnerId?: string) {
  await hubOf(req).deleteEndpoint(req.params.id, partnerId)
  res.json({ id: req.params.id, object: "webhook_endpoint", deleted: true })
}

export async function rotateSecret(req: MedusaRequest<RotateSecretType>, res: MedusaResponse, partnerId?: string) {
  const { endpoint, secret } = await hubOf(req).rotateEndpointSecret(
    req.params.id,
    req.validatedBody.grace_period_ms,
    partnerId
  )
  res.json({ endpoint: endpointView(endpoint), secret })
}

export async function sendTest(req: MedusaRequest, res: MedusaResponse, partnerId?: string) {
  const sent = await hubOf(req).sendTestEvent(req.params.id, partnerId)
  res.status(202).json(sent)
}

export async function recover(req: MedusaRequest<RecoverEndpointType>, res: MedusaResponse, partnerId?: string) {
  const { since, until } = req.validatedBody
  const recovered = await hubOf(req).recoverEndpoint(req.params.id, { since, until }, partnerId)
  res.status(202).json({ endpoint_id: req.params.id, recovered })
}

export async function listDeliveries(req: MedusaRequest, res: MedusaResponse, partnerId?: string) {
  const { limit, cursor, ...filters } = req.validatedQuery as unknown as ListDeliveriesType
  const page = await hubOf(req).pageDeliveries({ ...filters, partner_id: partnerId }, { limit, cursor })
  res.json({ deliveries: page.deliveries.map(deliveryView), next_cursor: page.next_cursor })
}

export async function getDelivery(req: MedusaRequest, res: MedusaResponse, partnerId?: string) {
  const { delivery, attempts, payload } = await hubOf(req).deliveryDetail(req.params.id, partnerId)
  res.json({ delivery: deliveryView(delivery), attempts: attempts.map(attemptView), payload })
}

export async function retry(req: MedusaRequest, res: MedusaResponse, partnerId?: string) {
  const delivery = await hubOf(req).retryDelivery(req.params.id, partnerId)
  res.status(202).json({ delivery: deliveryView(delivery) })
}
