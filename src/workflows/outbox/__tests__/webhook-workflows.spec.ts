import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { createStep, createWorkflow, type WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import { deletePartnerWorkflow } from "../delete-partner"
import { deleteWebhookEndpointWorkflow } from "../delete-webhook-endpoint"
import { recoverWebhookEndpointWorkflow } from "../recover-webhook-endpoint"
import { retryWebhookDeliveryWorkflow } from "../retry-webhook-delivery"
import { sendWebhookTestWorkflow } from "../send-webhook-test"
import { createPartnerStep } from "../steps/create-partner"
import { createWebhookEndpointStep } from "../steps/create-webhook-endpoint"
import { recordWebhookTestStep } from "../steps/record-webhook-test"
import { requeueFailedDeliveriesStep } from "../steps/requeue-failed-deliveries"
import { retryWebhookDeliveryStep } from "../steps/retry-webhook-delivery"
import { rotatePartnerSecretStep } from "../steps/rotate-partner-secret"
import { rotateWebhookEndpointSecretStep } from "../steps/rotate-webhook-endpoint-secret"
import { updatePartnerStep } from "../steps/update-partner"
import { updateWebhookEndpointStep } from "../steps/update-webhook-endpoint"

/**
 * The outbox workflows against a stand-in for OutboxModuleService: which
 * writes each step makes, and which writes its compensation makes when a
 * later step fails. (The writes themselves run against Postgres in the HTTP
 * specs under integration-tests/http/webhooks.)
 */

const partner = { id: "ptn_1", name: "Acme", client_id: "ptn_c1", scopes: null, revoked_at: null }
const endpoint = { id: "ep_1", partner_id: "ptn_1", url: "https://acme.example/hooks", secrets: { keys: [] } }
const failedState = {
  id: "dlv_1",
  status: "failed",
  attempts: 3,
  schedule_base: 0,
  next_attempt_at: null,
  failure_reason: "exhausted",
  completed_at: "2026-01-01T00:00:00.000Z",
}

function fakeOutbox(overrides: Record<string, jest.Mock> = {}) {
  return {
    issuePartner: jest.fn(async () => ({ partner, client_secret: "ptn_sk_new" })),
    deletePartners: jest.fn(async () => undefined),
    partnerRow: jest.fn(async () => partner),
    updatePartner: jest.fn(async () => ({ ...partner, name: "Acme 2" })),
    restorePartner: jest.fn(async () => undefined),
    removePartner: jest.fn(async () => undefined),
    rotatePartnerSecret: jest.fn(async () => ({ partner, client_secret: "ptn_sk_new", replaced_secret_hash: "old" })),
    restorePartnerSecret: jest.fn(async () => undefined),
    createEndpoint: jest.fn(async () => ({ endpoint, secret: "whsec_new" })),
    deleteWebhookEndpoints: jest.fn(async () => undefined),
    endpointRow: jest.fn(async () => endpoint),
    listEndpointRows: jest.fn(async () => [endpoint, { ...endpoint, id: "ep_2" }]),
    updateEndpoint: jest.fn(async () => ({ ...endpoint, url: "https://acme.example/v2" })),
    restoreEndpointSettings: jest.fn(async () => undefined),
    softDeleteWebhookEndpoints: jest.fn(async () => undefined),
    restoreWebhookEndpoints: jest.fn(async () => undefined),
    rotateEndpointSecret: jest.fn(async () => ({ endpoint, secret: "whsec_new", replaced: { keys: ["old"] } })),
    restoreEndpointSecrets: jest.fn(async () => undefined),
    recordTestEvent: jest.fn(async () => ({ event_id: "evt_1", delivery_id: "dlv_1" })),
    deleteDeliveries: jest.fn(async () => undefined),
    deleteHubEvents: jest.fn(async () => undefined),
    cancelEndpointDeliveries: jest.fn(async () => ["dlv_1"]),
    restoreCanceledDeliveries: jest.fn(async () => undefined),
    retryDelivery: jest.fn(async () => ({ delivery: { id: "dlv_1" }, enqueue: true, previous: failedState })),
    recoverEndpoint: jest.fn(async () => [failedState]),
    restoreDeliveryStates: jest.fn(async () => undefined),
    enqueueWebhookDeliveries: jest.fn(async () => undefined),
    ...overrides,
  }
}

function containerWith(outbox: ReturnType<typeof fakeOutbox>) {
  const container = createMedusaContainer()
  container.register(OUTBOX_MODULE, asValue(outbox))
  return container
}

const failingStep = createStep("outbox-spec-failing-step", async () => {
  throw new Error("a later step failed")
})

/** Runs one step followed by a step that fails, so that the step is compensated. */
function thenFail<I>(name: string, step: (input: WorkflowData<I>) => unknown) {
  return createWorkflow(`outbox-spec-${name}`, (input: WorkflowData<I>) => {
    step(input)
    failingStep()
    return new WorkflowResponse(undefined)
  })
}

describe("outbox workflow steps: compensation when a later step fails", () => {
  it("deletes a created partner, whose secret was never handed out", async () => {
    const outbox = fakeOutbox()
    const { errors } = await thenFail(
      "create-partner",
      createPartnerStep
    )(containerWith(outbox)).run({
      input: { name: "Acme" },
      throwOnError: false,
    })
    expect(errors[0].error.message).toBe("a later step failed")
    expect(outbox.deletePartners).toHaveBeenCalledWith(["ptn_1"])
  })

  it("puts back an updated partner as it was", async () => {
    const outbox = fakeOutbox()
    await thenFail(
      "update-partner",
      updatePartnerStep
    )(containerWith(outbox)).run({
      input: { id: "ptn_1", update: { name: "Acme 2" } },
      throwOnError: false,
    })
    expect(outbox.restorePartner).toHaveBeenCalledWith(partner)
  })

  it("puts back a partner's previous secret hash after a rotation", async () => {
    const outbox = fakeOutbox()
    await thenFail(
      "rotate-partner-secret",
      rotatePartnerSecretStep
    )(containerWith(outbox)).run({
      input: "ptn_1",
      throwOnError: false,
    })
    expect(outbox.restorePartnerSecret).toHaveBeenCalledWith("ptn_1", "old")
  })

  it("deletes a created endpoint", async () => {
    const outbox = fakeOutbox()
    await thenFail(
      "create-endpoint",
      createWebhookEndpointStep
    )(containerWith(outbox)).run({
      input: { partner_id: "ptn_1", endpoint: { url: endpoint.url, event_types: ["order.placed"] } },
      throwOnError: false,
    })
    expect(outbox.deleteWebhookEndpoints).toHaveBeenCalledWith(["ep_1"])
  })

  it("puts back an updated endpoint's settings, read with the caller's partner scope", async () => {
    const outbox = fakeOutbox()
    await thenFail(
      "update-endpoint",
      updateWebhookEndpointStep
    )(containerWith(outbox)).run({
      input: { id: "ep_1", partner_id: "ptn_1", update: { enabled: false } },
      throwOnError: false,
    })
    expect(outbox.endpointRow).toHaveBeenCalledWith("ep_1", "ptn_1")
    expect(outbox.updateEndpoint).toHaveBeenCalledWith("ep_1", { enabled: false }, "ptn_1")
    expect(outbox.restoreEndpointSettings).toHaveBeenCalledWith(endpoint)
  })

  it("puts back the secrets an endpoint had before a rotation", async () => {
    const outbox = fakeOutbox()
    await thenFail(
      "rotate-endpoint-secret",
      rotateWebhookEndpointSecretStep
    )(containerWith(outbox)).run({
      input: { id: "ep_1", grace_period_ms: 0 },
      throwOnError: false,
    })
    expect(outbox.restoreEndpointSecrets).toHaveBeenCalledWith("ep_1", { keys: ["old"] })
  })

  it("deletes a recorded test event and its delivery", async () => {
    const outbox = fakeOutbox()
    await thenFail(
      "record-test",
      recordWebhookTestStep
    )(containerWith(outbox)).run({
      input: { id: "ep_1" },
      throwOnError: false,
    })
    expect(outbox.deleteDeliveries).toHaveBeenCalledWith(["dlv_1"])
    expect(outbox.deleteHubEvents).toHaveBeenCalledWith(["evt_1"])
  })

  it("puts back a retried delivery's previous state, and nothing when the retry wrote nothing", async () => {
    const outbox = fakeOutbox()
    await thenFail(
      "retry-delivery",
      retryWebhookDeliveryStep
    )(containerWith(outbox)).run({
      input: { id: "dlv_1" },
      throwOnError: false,
    })
    expect(outbox.restoreDeliveryStates).toHaveBeenCalledWith([failedState])

    const held = fakeOutbox({
      retryDelivery: jest.fn(async () => ({ delivery: { id: "dlv_1" }, enqueue: false, previous: null })),
    })
    await thenFail(
      "retry-held-delivery",
      retryWebhookDeliveryStep
    )(containerWith(held)).run({
      input: { id: "dlv_1" },
      throwOnError: false,
    })
    expect(held.restoreDeliveryStates).not.toHaveBeenCalled()
  })

  it("puts back the state of recovered deliveries", async () => {
    const outbox = fakeOutbox()
    await thenFail(
      "requeue-failed",
      requeueFailedDeliveriesStep
    )(containerWith(outbox)).run({
      input: { endpoint_id: "ep_1", since: "2026-01-01T00:00:00.000Z" },
      throwOnError: false,
    })
    expect(outbox.restoreDeliveryStates).toHaveBeenCalledWith([failedState])
  })
})

describe("deleteWebhookEndpointWorkflow", () => {
  it("soft-deletes the endpoint in the caller's scope, then cancels its pending deliveries", async () => {
    const outbox = fakeOutbox()
    const { result } = await deleteWebhookEndpointWorkflow(containerWith(outbox)).run({
      input: { id: "ep_1", partner_id: "ptn_1" },
    })
    expect(outbox.endpointRow).toHaveBeenCalledWith("ep_1", "ptn_1")
    expect(outbox.softDeleteWebhookEndpoints).toHaveBeenCalledWith(["ep_1"])
    expect(outbox.cancelEndpointDeliveries).toHaveBeenCalledWith(["ep_1"], "endpoint_deleted")
    expect(result).toEqual({ id: "ep_1", canceled_delivery_ids: ["dlv_1"] })
  })

  it("writes nothing for another partner's endpoint (404)", async () => {
    const notFound = Object.assign(new Error("Webhook endpoint ep_1 was not found"), { type: "not_found" })
    const outbox = fakeOutbox({ endpointRow: jest.fn().mockRejectedValue(notFound) })
    const { errors } = await deleteWebhookEndpointWorkflow(containerWith(outbox)).run({
      input: { id: "ep_1", partner_id: "ptn_2" },
      throwOnError: false,
    })
    expect(errors[0].error).toMatchObject({ type: "not_found", message: "Webhook endpoint ep_1 was not found" })
    expect(outbox.softDeleteWebhookEndpoints).not.toHaveBeenCalled()
    expect(outbox.cancelEndpointDeliveries).not.toHaveBeenCalled()
  })

  it("restores the endpoint when its deliveries cannot be canceled", async () => {
    const outbox = fakeOutbox({ cancelEndpointDeliveries: jest.fn().mockRejectedValue(new Error("db down")) })
    const { errors } = await deleteWebhookEndpointWorkflow(containerWith(outbox)).run({
      input: { id: "ep_1" },
      throwOnError: false,
    })
    expect(errors[0].error.message).toBe("db down")
    expect(outbox.restoreWebhookEndpoints).toHaveBeenCalledWith(["ep_1"])
  })
})

describe("deletePartnerWorkflow", () => {
  it("removes the partner, soft-deletes its endpoints and cancels their pending deliveries", async () => {
    const outbox = fakeOutbox()
    const { result } = await deletePartnerWorkflow(containerWith(outbox)).run({ input: { id: "ptn_1" } })
    expect(outbox.removePartner).toHaveBeenCalledWith("ptn_1")
    expect(outbox.listEndpointRows).toHaveBeenCalledWith({ partner_id: "ptn_1" })
    expect(outbox.softDeleteWebhookEndpoints).toHaveBeenCalledWith(["ep_1", "ep_2"])
    expect(outbox.cancelEndpointDeliveries).toHaveBeenCalledWith(["ep_1", "ep_2"], "endpoint_deleted")
    expect(result).toEqual({ id: "ptn_1", endpoint_ids: ["ep_1", "ep_2"], canceled_delivery_ids: ["dlv_1"] })
  })

  it("restores the endpoints and the partner when a later write fails", async () => {
    const outbox = fakeOutbox({ cancelEndpointDeliveries: jest.fn().mockRejectedValue(new Error("db down")) })
    await deletePartnerWorkflow(containerWith(outbox)).run({ input: { id: "ptn_1" }, throwOnError: false })
    expect(outbox.restoreWebhookEndpoints).toHaveBeenCalledWith(["ep_1", "ep_2"])
    expect(outbox.restorePartner).toHaveBeenCalledWith(partner)
  })
})

describe("sending, retrying and recovering deliveries", () => {
  it("sends a test event: records it, then enqueues its one delivery on the first lane", async () => {
    const outbox = fakeOutbox()
    const { result } = await sendWebhookTestWorkflow(containerWith(outbox)).run({
      input: { id: "ep_1", partner_id: "ptn_1" },
    })
    expect(outbox.recordTestEvent).toHaveBeenCalledWith("ep_1", "ptn_1")
    expect(outbox.enqueueWebhookDeliveries).toHaveBeenCalledWith(["dlv_1"], "first")
    expect(result).toEqual({ event_id: "evt_1", delivery_id: "dlv_1" })
  })

  it("retries a delivery and enqueues it, unless a worker holds it", async () => {
    const outbox = fakeOutbox()
    const { result } = await retryWebhookDeliveryWorkflow(containerWith(outbox)).run({ input: { id: "dlv_1" } })
    expect(result).toEqual({ id: "dlv_1" })
    expect(outbox.enqueueWebhookDeliveries).toHaveBeenCalledWith(["dlv_1"], "first")

    const held = fakeOutbox({
      retryDelivery: jest.fn(async () => ({ delivery: { id: "dlv_1" }, enqueue: false, previous: null })),
    })
    await retryWebhookDeliveryWorkflow(containerWith(held)).run({ input: { id: "dlv_1" } })
    expect(held.enqueueWebhookDeliveries).not.toHaveBeenCalled()
  })

  it("recovers failed deliveries on the retry lane and counts them", async () => {
    const outbox = fakeOutbox()
    const { result } = await recoverWebhookEndpointWorkflow(containerWith(outbox)).run({
      input: { endpoint_id: "ep_1", partner_id: "ptn_1", since: "2026-01-01T00:00:00.000Z" },
    })
    expect(outbox.recoverEndpoint).toHaveBeenCalledWith(
      "ep_1",
      { since: new Date("2026-01-01T00:00:00.000Z"), until: undefined },
      "ptn_1"
    )
    expect(outbox.enqueueWebhookDeliveries).toHaveBeenCalledWith(["dlv_1"], "retry")
    expect(result).toEqual({ recovered: 1 })
  })
})
