import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { ApprovalRequestRow } from "../../../modules/b2b/lib/approval-document"

/** How many requests one run expires (the job runs every minute). */
const EXPIRY_BATCH = 200

/**
 * Pending requests whose time ran out by `now`, as they will read once
 * expired. Read-only: the events are recorded before the rows change, so a
 * crash in between records nothing twice (events are deduplicated by key)
 * and loses nothing (the next run finds the same rows). No decision can win
 * on them meanwhile: decisions require `expires_at > now`.
 */
export const findExpiredApprovalRequestsStep = createStep(
  "find-expired-approval-requests",
  async (input: { now: Date | string }, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const rows = (await b2b.listApprovalRequests(
      { status: "pending", expires_at: { $lte: new Date(input.now) } },
      { take: EXPIRY_BATCH, order: { expires_at: "ASC" } }
    )) as unknown as ApprovalRequestRow[]
    return new StepResponse(rows.map((r) => ({ ...r, status: "expired" })))
  }
)

/**
 * Marks them expired, which unlocks their carts. No compensation: it is the
 * last step, and an expiry is a fact of the clock.
 */
export const markApprovalRequestsExpiredStep = createStep(
  "mark-approval-requests-expired",
  async (input: { ids: string[]; now: Date | string }, { container }) => {
    if (!input.ids.length) return new StepResponse(0)
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const rows = await b2b.closePendingApprovalRequests({ ids: input.ids, expired_by: new Date(input.now) }, "expired")
    return new StepResponse(rows.length)
  }
)
