import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer, MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Shipment } from "../../../../connectors"
import { ERP_FULFILLMENT_PROVIDER_ID } from "../../../modules/providers/erp-fulfillment/constants"
import { recordErpShipmentWorkflow } from "../record-erp-shipment"
import { claimErpShipmentStep, type ClaimErpShipmentStepInput } from "../steps/claim-erp-shipment"

const shipment: Shipment = {
  erp_id: "SH-1",
  order_id: "order_1",
  tracking_numbers: ["1Z999"],
  carrier: "UPS",
  lines: [],
}
const source = { type: "pull_client" as const, id: "erpcl_1" }

function fakes(options: { seen?: object; claimed?: boolean; shipped_at?: string | null } = {}) {
  const erp = {
    listErpShipments: jest.fn(async () => (options.seen ? [options.seen] : [])),
    claimShipment: jest.fn(async (input: { fulfillment_id: string }) =>
      options.claimed === false
        ? { created: false, fulfillment_id: "ful_other" }
        : { created: true, fulfillment_id: input.fulfillment_id }
    ),
    releaseShipment: jest.fn(async () => undefined),
  }
  const fulfillment = {
    id: "ful_1",
    provider_id: ERP_FULFILLMENT_PROVIDER_ID,
    shipped_at: options.shipped_at ?? null,
    canceled_at: null,
    created_at: "2026-12-01T10:00:00Z",
    items: [{ line_item_id: "ordli_1", sku: "A", quantity: 2 }],
  }
  const query = { graph: jest.fn(async () => ({ data: [{ id: "order_1", fulfillments: [fulfillment] }] })) }
  const container = createMedusaContainer()
  container.register({ erp: asValue(erp), query: asValue(query) })
  return { container, erp }
}

describe("recordErpShipmentWorkflow", () => {
  it("answers a shipment already recorded with the fulfillment it was recorded on, claiming nothing", async () => {
    const { container, erp } = fakes({
      seen: { order_id: "order_1", fulfillment_id: "ful_1", tracking_numbers: ["1Z999"] },
    })
    const { result } = await recordErpShipmentWorkflow(container).run({ input: { source, shipment } })
    expect(result).toEqual({
      order_id: "order_1",
      fulfillment_id: "ful_1",
      created: false,
      tracking_numbers: ["1Z999"],
    })
    expect(erp.claimShipment).not.toHaveBeenCalled()
  })

  it("answers created: false with the other report's fulfillment when that report claimed the shipment first", async () => {
    const { container, erp } = fakes({ claimed: false })
    const { result } = await recordErpShipmentWorkflow(container).run({ input: { source, shipment } })
    expect(result).toEqual({
      order_id: "order_1",
      fulfillment_id: "ful_other",
      created: false,
      tracking_numbers: ["1Z999"],
    })
    expect(erp.releaseShipment).not.toHaveBeenCalled()
  })

  it("refuses a fulfillment that has already shipped (not allowed) before claiming", async () => {
    const { container, erp } = fakes({ shipped_at: "2026-12-02T10:00:00Z" })
    await expect(
      recordErpShipmentWorkflow(container).run({ input: { source, shipment, fulfillment_id: "ful_1" } })
    ).rejects.toMatchObject({ type: MedusaError.Types.NOT_ALLOWED, message: "Fulfillment ful_1 has already shipped" })
    expect(erp.claimShipment).not.toHaveBeenCalled()
  })

  it("releases its claim when Medusa's shipment fails, so the next report tries again", async () => {
    // The fake container has none of Medusa's modules: createOrderShipmentWorkflow fails at its first step.
    const { container, erp } = fakes()
    await expect(recordErpShipmentWorkflow(container).run({ input: { source, shipment } })).rejects.toBeDefined()
    expect(erp.claimShipment).toHaveBeenCalledWith(expect.objectContaining({ fulfillment_id: "ful_1", erp_id: "SH-1" }))
    expect(erp.releaseShipment).toHaveBeenCalledWith({
      source_type: "pull_client",
      source_id: "erpcl_1",
      erp_id: "SH-1",
    })
  })
})

describe("claimErpShipmentStep", () => {
  const failing = createStep("fail-after-claim-step", async () => {
    throw new Error("later step failed")
  })
  const workflow = createWorkflow("test-claim-erp-shipment-compensation", (input: ClaimErpShipmentStepInput) => {
    claimErpShipmentStep(input)
    failing()
    return new WorkflowResponse(undefined)
  })

  it("does not release a claim another report made", async () => {
    const { container, erp } = fakes({ claimed: false })
    await expect(
      workflow(container).run({ input: { source, shipment, fulfillment_id: "ful_1" } })
    ).rejects.toMatchObject({ message: "later step failed" })
    expect(erp.releaseShipment).not.toHaveBeenCalled()
  })
})
