import { Button, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { APPROVER_LABELS, type ApprovalRequest } from "./types"

type Decision = "approve" | "reject"
type Body = { comment?: string }

/**
 * Staff decide the waiting level: the merchant's own, or a company level on
 * the company's behalf (staff may decide any level). The API's refusal (a
 * request decided meanwhile, an expired one) is shown as it said it.
 */
export const ApprovalDecisionForm = ({ request }: { request: ApprovalRequest }) => {
  const [comment, setComment] = useState("")
  const invalidates = ["/admin/approval-requests"]
  const approve = useAdminAction<Body>("POST", `/admin/approval-requests/${request.id}/approve`, invalidates)
  const reject = useAdminAction<Body>("POST", `/admin/approval-requests/${request.id}/reject`, invalidates)
  const level = request.levels[request.current_level]
  const onBehalf = level && level.approver !== "merchant"
  const busy = approve.isPending || reject.isPending

  const submit = (decision: Decision) => {
    const action = decision === "approve" ? approve : reject
    ;(decision === "approve" ? reject : approve).reset()
    action.mutate(comment.trim() ? { comment: comment.trim() } : {}, {
      onSuccess: () => {
        toast.success(decision === "approve" ? "Level approved" : "Request rejected")
        setComment("")
      },
    })
  }

  return (
    <div className="flex flex-col gap-3 px-6 py-4">
      <Text size="small">
        Deciding level {request.current_level + 1} of {request.levels.length}
        {level ? ` (${APPROVER_LABELS[level.approver]})` : ""}
        {onBehalf
          ? ": you decide on the company's behalf."
          : ". Approving it also lets the order go beyond the contract's available credit."}
      </Text>
      <div className="flex flex-col gap-1">
        <Label htmlFor="decision-comment" size="small">
          Comment
        </Label>
        <Textarea
          id="decision-comment"
          value={comment}
          maxLength={2000}
          onChange={(e) => setComment(e.target.value)}
          placeholder="Why (the buyer and the company's approvers read it)"
        />
      </div>
      <ApiError error={approve.error ?? reject.error} />
      <div className="flex gap-2">
        <Button size="small" onClick={() => submit("approve")} isLoading={approve.isPending} disabled={busy}>
          Approve
        </Button>
        <Button
          size="small"
          variant="danger"
          onClick={() => submit("reject")}
          isLoading={reject.isPending}
          disabled={busy}
        >
          Reject
        </Button>
      </div>
    </div>
  )
}
