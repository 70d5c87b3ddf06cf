import { Button, toast, usePrompt } from "@medusajs/ui"
import { useAdminAction } from "../../lib/query"
import { EndpointEdit } from "./endpoint-edit"
import { WEBHOOKS_API, type Endpoint } from "./types"

type Props = {
  endpoint: Endpoint
  /** A rotated signing secret, to show once. */
  onSecret: (secret: string) => void
  onError: (error: unknown) => void
}

/** An endpoint's actions: send a test event, edit, rotate its secret, disable or enable it. */
export const EndpointActions = ({ endpoint, onSecret, onError }: Props) => {
  const prompt = usePrompt()
  const base = `${WEBHOOKS_API}/endpoints/${endpoint.id}`
  const test = useAdminAction<object, { delivery_id: string }>("POST", `${base}/test`, [WEBHOOKS_API])
  const rotate = useAdminAction<object, { secret: string }>("POST", `${base}/rotate-secret`, [WEBHOOKS_API])
  const toggle = useAdminAction<{ enabled: boolean }>("POST", base, [WEBHOOKS_API])

  const sendTest = () =>
    test.mutate({}, { onSuccess: () => toast.success("Test event sent: see it in the deliveries below"), onError })
  const rotateSecret = async () => {
    const ok = await prompt({
      title: "Rotate the signing secret?",
      description: "The current secret keeps signing for 24 hours beside the new one, shown only once.",
      confirmText: "Rotate",
      cancelText: "Cancel",
    })
    if (ok)
      rotate.mutate(
        {},
        {
          onSuccess: (answer) => {
            toast.success("Signing secret rotated")
            onSecret(answer.secret)
          },
          onError,
        }
      )
  }
  const setEnabled = (enabled: boolean) =>
    toggle.mutate(
      { enabled },
      { onSuccess: () => toast.success(enabled ? "Endpoint enabled" : "Endpoint disabled"), onError }
    )

  return (
    <div className="flex gap-2">
      <Button
        size="small"
        variant="secondary"
        onClick={sendTest}
        isLoading={test.isPending}
        disabled={!endpoint.enabled}
      >
        Send test event
      </Button>
      <EndpointEdit endpoint={endpoint} />
      <Button size="small" variant="secondary" onClick={rotateSecret} isLoading={rotate.isPending}>
        Rotate secret
      </Button>
      <Button
        size="small"
        variant={endpoint.enabled ? "danger" : "secondary"}
        onClick={() => setEnabled(!endpoint.enabled)}
        isLoading={toggle.isPending}
      >
        {endpoint.enabled ? "Disable" : "Enable"}
      </Button>
    </div>
  )
}
