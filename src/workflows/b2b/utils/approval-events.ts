// Hub events of approval requests: one shape (toApprovalDocument), one dedupe key per fact.
import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { toApprovalDocument, type ApprovalRequestRow } from "../../../modules/b2b/lib/approval-document"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"

export type ApprovalEventType = "approval.requested" | "approval.approved" | "approval.rejected" | "approval.expired"

/** The event for a request's current state (requested: one per level that starts waiting). */
export function approvalEvent(type: ApprovalEventType, row: ApprovalRequestRow): RecordHubEventStepInput {
  const doc = toApprovalDocument(row)
  const fact = type === "approval.requested" ? `${doc.id}:${doc.current_level}` : doc.id
  return {
    type,
    resource_type: "approval_request",
    resource_id: doc.id,
    dedupe_key: `${type}:${fact}`,
    data: { approval_request: doc },
  }
}

export async function loadApprovalRequest(container: MedusaContainer, id: string): Promise<ApprovalRequestRow> {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  return (await b2b.retrieveApprovalRequest(id)) as unknown as ApprovalRequestRow
}
