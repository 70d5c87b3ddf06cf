import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { advanceErpShipmentsMarkStep } from "./steps/advance-erp-shipments-mark"
import { readErpShipmentsStep, type ReadErpShipmentsStepInput } from "./steps/read-erp-shipments"
import { recordErpShipmentsStep } from "./steps/record-erp-shipments"

export type PollErpShipmentsWorkflowInput = ReadErpShipmentsStepInput

/**
 * Reads one connection's shipments since its last poll and records them on
 * their Medusa fulfillments (tracking numbers, shipped). Reads overlap (ERPs
 * filter by day), so the recording is idempotent per ERP shipment id; the
 * high-water mark only moves after a pass in which every shipment was
 * recorded or is not the hub's to record. Run by the `erp-shipments-poll`
 * job for each enabled connection.
 *
 * @example
 * const { result } = await pollErpShipmentsWorkflow(container).run({ input: { connection_id: "erpc_…" } })
 */
export const pollErpShipmentsWorkflow = createWorkflow(
  "poll-erp-shipments-workflow",
  (input: PollErpShipmentsWorkflowInput) => {
    const read = readErpShipmentsStep(input)
    const outcome = recordErpShipmentsStep(read)
    when("advance-complete-erp-shipments-mark", { outcome }, ({ outcome }) => outcome.complete).then(() =>
      advanceErpShipmentsMarkStep(
        transform({ read }, ({ read }) => ({
          connection_id: read.connection.id,
          synced_at: read.started_at,
          previous_mark: read.previous_mark,
        }))
      )
    )
    return new WorkflowResponse(outcome)
  }
)
