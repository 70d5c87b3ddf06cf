import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { issueEditCreditNote, IssuedEditCredit } from "../utils/issue-edit-credit-note"

export const issueEditCreditNotesStepId = "issue-edit-credit-notes-step"

export type IssueEditCreditNotesStepInput = { credit_note_ids: string[] }

export type IssueEditCreditNotesStepOutput = {
  notes: Omit<IssuedEditCredit, "events">[]
  events: RecordHubEventStepInput[]
}

/**
 * Issues the edit credit notes the order-change step recorded (see
 * issueEditCreditNote), one after the other. A Stripe credit note cannot be
 * undone (only voided, which would be a new fact), so there is no
 * compensation: a failure leaves the rest recorded, and the reconcile job
 * issues them (each keyed cn:<reason_key>:v1).
 */
export const issueEditCreditNotesStep = createStep(
  issueEditCreditNotesStepId,
  async ({ credit_note_ids }: IssueEditCreditNotesStepInput, { container }) => {
    const output: IssueEditCreditNotesStepOutput = { notes: [], events: [] }
    for (const id of credit_note_ids) {
      const { events, ...note } = await issueEditCreditNote(container, id)
      output.notes.push(note)
      output.events.push(...events)
    }
    return new StepResponse(output)
  }
)
