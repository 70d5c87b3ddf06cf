import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer, MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { retryErpSyncWorkflow } from "../retry-erp-sync"
import { rescheduleErpSyncStep } from "../steps/reschedule-erp-sync"

const before = {
  id: "dlv_1",
  attempts: 1,
  status: "failed",
  schedule_base: 0,
  next_attempt_at: null,
  failure_reason: "permanent",
  completed_at: new Date("2026-12-01T10:00:00Z"),
  updated_at: new Date("2026-12-01T10:00:00Z"),
}

function fakes(connection: { id: string; enabled: boolean } | null, rescheduled = before) {
  const outbox = {
    retrieveTargetDelivery: jest.fn(async (_type: string, id: string) =>
      id === "dlv_1" ? { id, target_id: "erpc_1" } : null
    ),
    rescheduleDeliveryNow: jest.fn(async () => rescheduled),
    restoreDeliverySchedule: jest.fn(async () => undefined),
    enqueueErpDeliveries: jest.fn(async () => undefined),
  }
  const erp = { listErpConnections: jest.fn(async () => (connection ? [connection] : [])) }
  const container = createMedusaContainer()
  container.register({ outbox: asValue(outbox), erp: asValue(erp) })
  return { container, outbox, erp }
}

describe("retryErpSyncWorkflow", () => {
  it("makes a failed sync due now and enqueues it", async () => {
    const { container, outbox } = fakes({ id: "erpc_1", enabled: true })
    const { result } = await retryErpSyncWorkflow(container).run({ input: { id: "dlv_1" } })
    expect(result).toEqual({ rescheduled: true })
    expect(outbox.rescheduleDeliveryNow).toHaveBeenCalledWith("dlv_1")
    expect(outbox.enqueueErpDeliveries).toHaveBeenCalledWith(["dlv_1"])
  })

  it("does not enqueue a sync a worker holds right now", async () => {
    const { container, outbox } = fakes({ id: "erpc_1", enabled: true }, null as unknown as typeof before)
    const { result } = await retryErpSyncWorkflow(container).run({ input: { id: "dlv_1" } })
    expect(result).toEqual({ rescheduled: false })
    expect(outbox.enqueueErpDeliveries).not.toHaveBeenCalled()
  })

  it("refuses a sync of a disabled or removed connection (not allowed) and an unknown sync (not found), changing nothing", async () => {
    const disabled = fakes({ id: "erpc_1", enabled: false })
    await expect(retryErpSyncWorkflow(disabled.container).run({ input: { id: "dlv_1" } })).rejects.toMatchObject({
      type: MedusaError.Types.NOT_ALLOWED,
      message: "Connection erpc_1 is disabled; enable it before retrying its syncs",
    })
    const removed = fakes(null)
    await expect(retryErpSyncWorkflow(removed.container).run({ input: { id: "dlv_1" } })).rejects.toMatchObject({
      type: MedusaError.Types.NOT_ALLOWED,
      message: "ERP sync dlv_1 belongs to a deleted connection",
    })
    await expect(retryErpSyncWorkflow(removed.container).run({ input: { id: "dlv_x" } })).rejects.toMatchObject({
      type: MedusaError.Types.NOT_FOUND,
      message: "ERP sync dlv_x was not found",
    })
    for (const { outbox } of [disabled, removed]) expect(outbox.rescheduleDeliveryNow).not.toHaveBeenCalled()
  })
})

describe("rescheduleErpSyncStep", () => {
  const failing = createStep("fail-after-reschedule-step", async () => {
    throw new Error("later step failed")
  })
  const workflow = createWorkflow("test-reschedule-erp-sync-compensation", (input: { id: string }) => {
    rescheduleErpSyncStep(input)
    failing()
    return new WorkflowResponse(undefined)
  })

  it("puts the delivery back as it was when a later step fails", async () => {
    const { container, outbox } = fakes({ id: "erpc_1", enabled: true })
    await expect(workflow(container).run({ input: { id: "dlv_1" } })).rejects.toMatchObject({
      message: "later step failed",
    })
    expect(outbox.restoreDeliverySchedule).toHaveBeenCalledWith(
      expect.objectContaining({ id: "dlv_1", status: "failed" })
    )
  })

  it("has nothing to put back when it changed nothing", async () => {
    const { container, outbox } = fakes({ id: "erpc_1", enabled: true }, null as unknown as typeof before)
    await expect(workflow(container).run({ input: { id: "dlv_1" } })).rejects.toMatchObject({
      message: "later step failed",
    })
    expect(outbox.restoreDeliverySchedule).not.toHaveBeenCalled()
  })
})
