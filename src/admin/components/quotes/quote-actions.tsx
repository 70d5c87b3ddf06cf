import { Button, toast, usePrompt } from "@medusajs/ui"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { OPEN_STATUSES, type QuoteWithHistory } from "./types"

type Props = { quote: QuoteWithHistory; onRevise: () => void }

/**
 * Staff's moves on an open quote: revise (a new version), send the latest
 * version (naming the version this page shows, so a newer one made
 * meanwhile is a readable 409 rather than sending something unseen), and
 * withdraw.
 */
export const QuoteActions = ({ quote, onRevise }: Props) => {
  const prompt = usePrompt()
  const invalidates = [`/admin/quotes`]
  const send = useAdminAction<{ version: number }>("POST", `/admin/quotes/${quote.id}/send`, invalidates)
  const withdraw = useAdminAction<{ message?: string }>("POST", `/admin/quotes/${quote.id}/withdraw`, invalidates)
  const open = OPEN_STATUSES.includes(quote.status)
  const unsent = open && quote.sent_version !== quote.latest_version

  const sendLatest = () =>
    send.mutate(
      { version: quote.latest_version },
      { onSuccess: () => toast.success(`Version ${quote.latest_version} sent to the buyer`) }
    )
  const withdrawQuote = async () => {
    const confirmed = await prompt({
      title: "Withdraw this quote?",
      description: "The buyer can no longer accept any version of it. This cannot be undone.",
      confirmText: "Withdraw",
      cancelText: "Keep it",
    })
    if (confirmed) withdraw.mutate({}, { onSuccess: () => toast.success("Quote withdrawn") })
  }

  if (!open) return null
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <Button size="small" variant="secondary" onClick={onRevise}>
          Revise
        </Button>
        {unsent ? (
          <Button size="small" onClick={sendLatest} isLoading={send.isPending}>
            Send v{quote.latest_version}
          </Button>
        ) : null}
        <Button size="small" variant="danger" onClick={withdrawQuote} isLoading={withdraw.isPending}>
          Withdraw
        </Button>
      </div>
      <ApiError error={send.error ?? withdraw.error} />
    </div>
  )
}
