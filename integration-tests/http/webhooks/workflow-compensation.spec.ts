import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, type WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { randomUUID } from "node:crypto"
import { verifySecret } from "../../../src/lib/crypto/client-secret"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import type OutboxModuleService from "../../../src/modules/outbox/service"
import { createPartnerWorkflow } from "../../../src/workflows/outbox/create-partner"
import { createWebhookEndpointWorkflow } from "../../../src/workflows/outbox/create-webhook-endpoint"
import { deletePartnerWorkflow } from "../../../src/workflows/outbox/delete-partner"
import { deleteWebhookEndpointWorkflow } from "../../../src/workflows/outbox/delete-webhook-endpoint"
import { recoverWebhookEndpointWorkflow } from "../../../src/workflows/outbox/recover-webhook-endpoint"
import { createPartnerStep } from "../../../src/workflows/outbox/steps/create-partner"
import { createWebhookEndpointStep } from "../../../src/workflows/outbox/steps/create-webhook-endpoint"
import { recordWebhookTestStep } from "../../../src/workflows/outbox/steps/record-webhook-test"
import { requeueFailedDeliveriesStep } from "../../../src/workflows/outbox/steps/requeue-failed-deliveries"
import { retryWebhookDeliveryStep } from "../../../src/workflows/outbox/steps/retry-webhook-delivery"
import { rotatePartnerSecretStep } from "../../../src/workflows/outbox/steps/rotate-partner-secret"
import { rotateWebhookEndpointSecretStep } from "../../../src/workflows/outbox/steps/rotate-webhook-endpoint-secret"
import { updatePartnerStep } from "../../../src/workflows/outbox/steps/update-partner"
import { updateWebhookEndpointStep } from "../../../src/workflows/outbox/steps/update-webhook-endpoint"

jest.setTimeout(180_000)

process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-wh-compensation`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
// No delivery workers: the deliveries set up here must stay as they were written.
process.env.WORKER_MODE = "server"
delete process.env.WEBHOOK_ALLOW_HTTP

/**
 * The outbox workflows' compensations against Postgres: each step (or whole
 * workflow) runs, a later step fails, and the rows must be as before.
 */

const failingStep = createStep("compensation-spec-failing-step", async () => {
  throw new Error("a later step failed")
})

/** A workflow running `step` and then a step that fails, so that `step` is compensated. */
function thenFail<I>(name: string, step: (input: WorkflowData<I>) => unknown) {
  return createWorkflow(`compensation-spec-${name}`, (input: WorkflowData<I>) => {
    step(input)
    failingStep()
    return new WorkflowResponse(undefined)
  })
}

const deletePartnerThenFail = thenFail("delete-partner", (input: WorkflowData<{ id: string }>) =>
  deletePartnerWorkflow.runAsStep({ input })
)
const deleteEndpointThenFail = thenFail("delete-endpoint", (input: WorkflowData<{ id: string }>) =>
  deleteWebhookEndpointWorkflow.runAsStep({ input })
)

type DeliveryStateRow = {
  id: string
  status: string
  attempts: number
  schedule_base: number
  failure_reason: string | null
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    const hub = () => getContainer().resolve<OutboxModuleService>(OUTBOX_MODULE)
    const pg = () => getContainer().resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)

    /** Runs `workflow` and expects it to fail in the spec's failing step (so compensation ran). */
    const runFailing = async <I>(workflow: ReturnType<typeof thenFail<I>>, input: I): Promise<void> => {
      const { errors } = await workflow(getContainer()).run({ input, throwOnError: false })
      expect(errors.map((e) => e.error.message)).toEqual(["a later step failed"])
    }

    const newPartner = async (name = `Partner ${randomUUID()}`) => {
      const { result } = await createPartnerWorkflow(getContainer()).run({ input: { name } })
      return result
    }
    const newEndpoint = async (partnerId: string, path = randomUUID()) => {
      const { result } = await createWebhookEndpointWorkflow(getContainer()).run({
        input: {
          partner_id: partnerId,
          endpoint: {
            url: `http://127.0.0.1:9/${path}`,
            event_types: ["order.placed"],
            description: "before",
            headers: { "X-Key": "1" },
            retry_schedule_ms: [0, 1000],
            max_concurrency: 2,
          },
        },
      })
      return result.endpoint
    }
    /** `n` webhook.test deliveries to the endpoint, recorded but not enqueued. */
    const deliveriesTo = async (endpointId: string, n: number): Promise<string[]> => {
      const recorded = await hub().recordEvents(
        Array.from({ length: n }, () => ({
          type: "webhook.test" as const,
          resource_type: "webhook_endpoint",
          resource_id: endpointId,
          dedupe_key: `compensation-spec:${randomUUID()}`,
          data: { endpoint_id: endpointId },
          endpoint_ids: [endpointId],
        }))
      )
      return recorded.map((r) => r.webhook_delivery_ids[0])
    }
    const states = async (ids: string[]) =>
      (await pg()("delivery")
        .whereIn("id", ids)
        .orderBy("id")
        .select(
          "id",
          "status",
          "attempts",
          "schedule_base",
          "next_attempt_at",
          "failure_reason",
          "completed_at"
        )) as DeliveryStateRow[]
    const secretHash = async (partnerId: string) =>
      ((await pg()("partner").where({ id: partnerId }).first("client_secret_hash")) as { client_secret_hash: string })
        .client_secret_hash

    describe("partners", () => {
      it("leaves no partner behind when the creation is undone", async () => {
        const name = `Ghost ${randomUUID()}`
        await runFailing(thenFail("create-partner", createPartnerStep), { name })
        expect((await hub().listPartnerRows()).map((p) => p.name)).not.toContain(name)
      })

      it("puts back a partner's name and revocation when an update is undone", async () => {
        const { partner } = await newPartner("Before Ltd")
        await runFailing(thenFail("update-partner", updatePartnerStep), {
          id: partner.id,
          update: { name: "After Ltd", revoked: true },
        })
        expect(await hub().partnerRow(partner.id)).toMatchObject({ name: "Before Ltd", revoked_at: null })
      })

      it("lets the old client secret work again when a credentials rotation is undone", async () => {
        const { partner, client_secret } = await newPartner()
        await runFailing(thenFail("rotate-partner-secret", rotatePartnerSecretStep), partner.id)
        expect(await verifySecret(client_secret, await secretHash(partner.id))).toBe(true)
      })

      it("brings back the partner, its endpoints and their pending deliveries when a deletion is undone", async () => {
        const { partner, client_secret } = await newPartner()
        const first = await newEndpoint(partner.id)
        const second = await newEndpoint(partner.id)
        const pending = await deliveriesTo(first.id, 2)
        const before = await states(pending)

        await runFailing(deletePartnerThenFail, { id: partner.id })
        expect(await hub().partnerRow(partner.id)).toMatchObject({ id: partner.id, revoked_at: null })
        expect(await verifySecret(client_secret, await secretHash(partner.id))).toBe(true)
        expect((await hub().listEndpointRows({ partner_id: partner.id })).map((e) => e.id).sort()).toEqual(
          [first.id, second.id].sort()
        )
        expect(await states(pending)).toEqual(before)

        // The same workflow without the failure does delete (the undo above undid real writes).
        await deletePartnerWorkflow(getContainer()).run({ input: { id: partner.id } })
        expect(await hub().partnerRow(partner.id)).toBeUndefined()
        expect(await hub().listEndpointRows({ partner_id: partner.id })).toEqual([])
        expect((await states(pending)).map((d) => [d.status, d.failure_reason])).toEqual([
          ["canceled", "endpoint_deleted"],
          ["canceled", "endpoint_deleted"],
        ])
      })
    })

    describe("endpoints", () => {
      it("leaves no endpoint behind when the creation is undone", async () => {
        const { partner } = await newPartner()
        await runFailing(thenFail("create-endpoint", createWebhookEndpointStep), {
          partner_id: partner.id,
          endpoint: { url: "http://127.0.0.1:9/ghost", event_types: ["order.placed"] },
        })
        expect(await hub().listEndpointRows({ partner_id: partner.id })).toEqual([])
      })

      it("puts back every setting and the enabled state when an update is undone", async () => {
        const { partner } = await newPartner()
        const endpoint = await newEndpoint(partner.id)
        const before = await hub().endpointRow(endpoint.id)
        await runFailing(thenFail("update-endpoint", updateWebhookEndpointStep), {
          id: endpoint.id,
          partner_id: partner.id,
          update: {
            url: "http://127.0.0.1:9/after",
            event_types: ["*"],
            description: null,
            headers: { "X-Other": "2" },
            retry_schedule_ms: [5],
            max_concurrency: null,
            rate_limit_per_second: 10,
            enabled: false,
          },
        })
        expect(await hub().endpointRow(endpoint.id)).toEqual(before)
      })

      it("signs with the old secrets only when a rotation is undone", async () => {
        const { partner } = await newPartner()
        const endpoint = await newEndpoint(partner.id)
        const before = await hub().endpointRow(endpoint.id)
        await runFailing(thenFail("rotate-endpoint-secret", rotateWebhookEndpointSecretStep), { id: endpoint.id })
        expect((await hub().endpointRow(endpoint.id)).secrets).toEqual(before.secrets)
      })

      it("brings back the endpoint and its pending deliveries when a deletion is undone", async () => {
        const { partner } = await newPartner()
        const endpoint = await newEndpoint(partner.id)
        const pending = await deliveriesTo(endpoint.id, 1)
        const before = await states(pending)
        await runFailing(deleteEndpointThenFail, { id: endpoint.id })
        expect((await hub().endpointRow(endpoint.id)).id).toBe(endpoint.id)
        expect(await states(pending)).toEqual(before)
      })

      it("leaves neither event nor delivery behind when a test event is undone", async () => {
        const { partner } = await newPartner()
        const endpoint = await newEndpoint(partner.id)
        await runFailing(thenFail("record-test", recordWebhookTestStep), { id: endpoint.id })
        const events = await pg()("hub_event").where({ resource_type: "webhook_endpoint", resource_id: endpoint.id })
        const deliveries = await pg()("delivery").where({ target_type: "webhook_endpoint", target_id: endpoint.id })
        expect({ events: events.length, deliveries: deliveries.length }).toEqual({ events: 0, deliveries: 0 })
      })
    })

    describe("deliveries", () => {
      it("puts failed deliveries back as they were when a retry or a recovery is undone", async () => {
        const since = new Date(Date.now() - 60_000).toISOString()
        const { partner } = await newPartner()
        const endpoint = await newEndpoint(partner.id)
        const ids = await deliveriesTo(endpoint.id, 2)
        await pg()("delivery").whereIn("id", ids).update({
          status: "failed",
          attempts: 3,
          failure_reason: "exhausted",
          next_attempt_at: null,
          completed_at: new Date(),
        })
        const before = await states(ids)

        await runFailing(thenFail("retry-delivery", retryWebhookDeliveryStep), { id: ids[0], partner_id: partner.id })
        expect(await states(ids)).toEqual(before)
        await runFailing(thenFail("requeue-failed", requeueFailedDeliveriesStep), {
          endpoint_id: endpoint.id,
          since,
        })
        expect(await states(ids)).toEqual(before)

        // Without the failure the recovery stands: both pending again, with a fresh schedule.
        const { result } = await recoverWebhookEndpointWorkflow(getContainer()).run({
          input: { endpoint_id: endpoint.id, since },
        })
        expect(result).toEqual({ recovered: 2 })
        expect((await states(ids)).map((d) => [d.status, d.schedule_base, d.failure_reason])).toEqual([
          ["pending", 3, null],
          ["pending", 3, null],
        ])
      })
    })
  },
})
