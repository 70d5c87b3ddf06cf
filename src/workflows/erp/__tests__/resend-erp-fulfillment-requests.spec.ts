import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ErpPermanentError } from "../../../../connectors"
import type { ErpFulfillmentState } from "../../../modules/erp/lib/sync/fulfillment-requests"
import { resendErpFulfillmentRequestsWorkflow } from "../resend-erp-fulfillment-requests"
import { updateFulfillmentsDataStep, type UpdateFulfillmentsDataStepInput } from "../steps/update-fulfillments-data"

const state = (id: string, status: ErpFulfillmentState["status"] = "pending"): ErpFulfillmentState => ({
  connection_id: "erpc_1",
  status,
  attempts: 1,
  request: { id, order_id: "order_1", lines: [] },
})

function fakes(fulfillments: { id: string; data: Record<string, unknown> | null }[], connectionEnabled = true) {
  const stored = new Map(fulfillments.map((f) => [f.id, f.data]))
  const fulfillment = {
    listFulfillments: jest.fn(async (filters: { id?: string[] }) =>
      [...stored].filter(([id]) => !filters.id || filters.id.includes(id)).map(([id, data]) => ({ id, data }))
    ),
    updateFulfillment: jest.fn(async (id: string, { data }: { data: Record<string, unknown> | null }) => {
      stored.set(id, data)
      return { id, data }
    }),
  }
  const erp = {
    loadConnection: jest.fn(async () => ({ id: "erpc_1", enabled: connectionEnabled })),
    sendFulfillmentRequest: jest.fn(async (_connection: object, s: ErpFulfillmentState) => {
      if (s.request.id === "ful_refused") throw new ErpPermanentError("order is closed", { status: 400 })
      return { ...s, status: "requested" as const, erp_ref: `ERP-${s.request.id}`, attempts: s.attempts + 1 }
    }),
  }
  const logger = { warn: jest.fn(), info: jest.fn(), error: jest.fn() }
  const container = createMedusaContainer()
  container.register({ [Modules.FULFILLMENT]: asValue(fulfillment), erp: asValue(erp), logger: asValue(logger) })
  return { container, stored, erp }
}

describe("resendErpFulfillmentRequestsWorkflow", () => {
  it("sends the pending requests again and records each outcome in data.erp; a refusal stops the resends", async () => {
    const { container, stored } = fakes([
      { id: "ful_ok", data: { erp_connection_id: "erpc_1", erp: state("ful_ok") } },
      { id: "ful_refused", data: { erp: state("ful_refused") } },
      { id: "ful_done", data: { erp: state("ful_done", "requested") } },
      { id: "ful_manual", data: null },
    ])
    const { result } = await resendErpFulfillmentRequestsWorkflow(container).run({ input: {} })
    expect(result).toEqual({ requested: 1, pending: 1 })
    expect(stored.get("ful_ok")).toEqual({
      erp_connection_id: "erpc_1",
      erp: expect.objectContaining({ status: "requested", erp_ref: "ERP-ful_ok", attempts: 2 }),
    })
    expect(stored.get("ful_refused")).toEqual({
      erp: expect.objectContaining({ status: "refused", attempts: 2, last_error: expect.stringContaining("closed") }),
    })
    expect(stored.get("ful_done")).toEqual({ erp: state("ful_done", "requested") })
  })

  it("leaves requests of a disabled connection alone", async () => {
    const { container, erp } = fakes([{ id: "ful_ok", data: { erp: state("ful_ok") } }], false)
    const { result } = await resendErpFulfillmentRequestsWorkflow(container).run({ input: {} })
    expect(result).toEqual({ requested: 0, pending: 0 })
    expect(erp.sendFulfillmentRequest).not.toHaveBeenCalled()
  })
})

describe("updateFulfillmentsDataStep", () => {
  const failing = createStep("fail-after-fulfillment-data-step", async () => {
    throw new Error("later step failed")
  })
  const workflow = createWorkflow(
    "test-update-fulfillments-data-compensation",
    (input: { updates: UpdateFulfillmentsDataStepInput }) => {
      updateFulfillmentsDataStep(input.updates)
      failing()
      return new WorkflowResponse(undefined)
    }
  )

  it("writes back each fulfillment's previous data when a later step fails", async () => {
    const before = { erp: state("ful_ok") }
    const { container, stored } = fakes([{ id: "ful_ok", data: before }])
    await expect(
      workflow(container).run({ input: { updates: [{ id: "ful_ok", data: { erp: state("ful_ok", "requested") } }] } })
    ).rejects.toMatchObject({ message: "later step failed" })
    expect(stored.get("ful_ok")).toEqual(before)
  })
})
