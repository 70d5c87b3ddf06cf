import { Button, Input, Label, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { WEBHOOKS_API } from "./types"

/** A datetime-local value (the person's own time) `hours` ago. */
function hoursAgo(hours: number): string {
  const d = new Date(Date.now() - hours * 3_600_000)
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset())
  return d.toISOString().slice(0, 16)
}

/**
 * "Recover since": re-queues the endpoint's failed deliveries created since
 * a time (after an outage at the partner). Idempotent, so pressing twice is harmless.
 */
export const RecoverForm = ({ endpointId }: { endpointId: string }) => {
  const [since, setSince] = useState(hoursAgo(24))
  const [recovered, setRecovered] = useState<number | null>(null)
  const recover = useAdminAction<{ since: string }, { recovered: number }>(
    "POST",
    `${WEBHOOKS_API}/endpoints/${endpointId}/recover`,
    [WEBHOOKS_API]
  )
  const submit = () => {
    setRecovered(null)
    recover.mutate(
      { since: since ? new Date(since).toISOString() : "" },
      {
        onSuccess: (answer) => {
          setRecovered(answer.recovered)
          toast.success(`Re-queued ${answer.recovered} failed deliver${answer.recovered === 1 ? "y" : "ies"}`)
        },
      }
    )
  }
  return (
    <div className="flex flex-col gap-3 px-6 py-4">
      <ApiError error={recover.error} />
      <div className="flex items-end gap-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="recover-since">Failed since</Label>
          <Input id="recover-since" type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
        </div>
        <Button size="small" variant="secondary" onClick={submit} isLoading={recover.isPending}>
          Recover
        </Button>
      </div>
      {recovered !== null ? (
        <Text size="small" data-testid="recover-result">
          {recovered === 0
            ? "Nothing to recover: no failed delivery since then."
            : `Re-queued ${recovered} failed deliver${recovered === 1 ? "y" : "ies"}; they go out again now.`}
        </Text>
      ) : null}
    </div>
  )
}
