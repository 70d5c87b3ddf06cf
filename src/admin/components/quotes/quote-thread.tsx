import { Badge, Button, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { formatDate } from "../../lib/format"
import { useAdminAction } from "../../lib/query"
import type { QuoteWithHistory } from "./types"

type Props = { quote: QuoteWithHistory; open: boolean; personName: (id: string) => string }

/** The negotiation's messages, oldest first, and a box for staff to write in while the quote is open. */
export const QuoteThread = ({ quote, open, personName }: Props) => {
  const [body, setBody] = useState("")
  const post = useAdminAction<{ body: string }>("POST", `/admin/quotes/${quote.id}/messages`, [
    `/admin/quotes/${quote.id}`,
  ])
  const submit = () =>
    post.mutate(
      { body },
      {
        onSuccess: () => {
          toast.success("Message posted")
          setBody("")
        },
      }
    )
  return (
    <div className="flex flex-col divide-y">
      {quote.messages.length === 0 ? (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          No messages yet.
        </Text>
      ) : null}
      {quote.messages.map((m) => (
        <div key={m.id} className="flex flex-col gap-1 px-6 py-3" data-testid="quote-message">
          <div className="flex items-center gap-2">
            <Text size="small" weight="plus">
              {personName(m.author_id)}
            </Text>
            <Badge size="2xsmall" color={m.author_type === "user" ? "blue" : "grey"}>
              {m.author_type === "user" ? "staff" : "buyer's company"}
            </Badge>
            {m.version ? (
              <Badge size="2xsmall" color="grey">
                on v{m.version}
              </Badge>
            ) : null}
            <Text size="xsmall" className="text-ui-fg-subtle">
              {formatDate(m.created_at)}
            </Text>
          </div>
          <Text size="small" className="whitespace-pre-wrap">
            {m.body}
          </Text>
        </div>
      ))}
      {open ? (
        <div className="flex flex-col gap-2 px-6 py-4">
          <Label htmlFor="quote-message" size="small">
            Message to the buyer
          </Label>
          <Textarea id="quote-message" value={body} maxLength={4000} onChange={(e) => setBody(e.target.value)} />
          <ApiError error={post.error} />
          <div>
            <Button
              size="small"
              variant="secondary"
              onClick={submit}
              isLoading={post.isPending}
              disabled={!body.trim()}
            >
              Post message
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
