import { Button, toast, usePrompt } from "@medusajs/ui"
import { errorText, useAdminAction } from "../../lib/query"
import type { AdminPullClient } from "./types"

/** Revokes a pull client after a confirmation: it gets no more tokens and the ones it holds stop working. */
export const RevokePullClientButton = ({ client }: { client: AdminPullClient }) => {
  const prompt = usePrompt()
  const revoke = useAdminAction<void>("POST", `/admin/erp/pull-clients/${client.id}/revoke`, [
    "/admin/erp/pull-clients",
  ])
  const run = async () => {
    const confirmed = await prompt({
      title: `Revoke ${client.name}?`,
      description: "The client can no longer get tokens, and the tokens it holds stop working.",
      confirmText: "Revoke",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    revoke.mutate(undefined, {
      onSuccess: () => toast.success(`${client.name} revoked`),
      onError: (e) => toast.error(errorText(e)),
    })
  }
  return (
    <Button size="small" variant="danger" isLoading={revoke.isPending} onClick={run}>
      Revoke
    </Button>
  )
}
