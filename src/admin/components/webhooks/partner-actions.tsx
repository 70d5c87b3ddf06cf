import { Button, toast, usePrompt } from "@medusajs/ui"
import { useAdminAction } from "../../lib/query"
import type { IssuedCredentials } from "./partner-create"
import { PartnerGrantsEdit } from "./partner-grants-edit"
import { WEBHOOKS_API, type Partner } from "./types"

type Props = {
  partner: Partner
  onIssued: (issued: IssuedCredentials) => void
  onError: (error: unknown) => void
}

/** A partner's actions: its grants; issue a new client secret (the old one stops working), revoke or restore. */
export const PartnerActions = ({ partner, onIssued, onError }: Props) => {
  const prompt = usePrompt()
  const issue = useAdminAction<object, IssuedCredentials>(
    "POST",
    `${WEBHOOKS_API}/partners/${partner.id}/credentials`,
    [WEBHOOKS_API]
  )
  const revoke = useAdminAction<{ revoked: boolean }>("POST", `${WEBHOOKS_API}/partners/${partner.id}`, [WEBHOOKS_API])
  const revoked = !!partner.revoked_at

  const issueCredentials = async () => {
    const ok = await prompt({
      title: `New client secret for ${partner.name}?`,
      description: "The current secret stops working at once; the new one is shown only once.",
      confirmText: "Issue",
      cancelText: "Cancel",
    })
    if (!ok) return
    issue.mutate(
      {},
      {
        onSuccess: (issued) => {
          toast.success(`New credentials issued for ${partner.name}`)
          onIssued(issued)
        },
        onError,
      }
    )
  }
  const setRevoked = (next: boolean) =>
    revoke.mutate(
      { revoked: next },
      {
        onSuccess: () => toast.success(next ? `${partner.name}'s credentials revoked` : `${partner.name} restored`),
        onError,
      }
    )

  return (
    <div className="flex justify-end gap-2">
      <PartnerGrantsEdit partner={partner} />
      <Button size="small" variant="secondary" onClick={issueCredentials} isLoading={issue.isPending}>
        Issue credentials
      </Button>
      <Button
        size="small"
        variant={revoked ? "secondary" : "danger"}
        onClick={() => setRevoked(!revoked)}
        isLoading={revoke.isPending}
      >
        {revoked ? "Restore" : "Revoke"}
      </Button>
    </div>
  )
}
