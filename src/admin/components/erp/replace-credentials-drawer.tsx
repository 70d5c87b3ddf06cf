import { Button, Drawer, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useAdminAction } from "../../lib/query"
import { ApiError } from "../api-error"
import { parseJsonObject } from "./json-object"
import type { AdminErpConnection } from "./types"

/**
 * Replaces a connection's credentials. They are write-only: the API never
 * returns them, so the form starts empty and is cleared once sent.
 */
export const ReplaceCredentialsDrawer = ({ connection }: { connection: AdminErpConnection }) => {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState("")
  const [formError, setFormError] = useState<unknown>(null)
  const update = useAdminAction<{ credentials: Record<string, unknown> }>(
    "POST",
    `/admin/erp/connections/${connection.id}`,
    ["/admin/erp"]
  )
  const submit = () => {
    setFormError(null)
    let credentials: Record<string, unknown>
    try {
      credentials = parseJsonObject("credentials", text)
    } catch (e) {
      setFormError(e)
      return
    }
    update.mutate(
      { credentials },
      {
        onSuccess: () => {
          toast.success(`Credentials of ${connection.name} replaced`)
          setText("")
          setOpen(false)
        },
      }
    )
  }
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Replace credentials
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Replace credentials of {connection.name}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-3">
          <Text size="small" className="text-ui-fg-subtle">
            Credentials are write-only: the current ones are never shown. What you send here replaces them, and the next
            sync uses it.
          </Text>
          <Label htmlFor={`credentials-${connection.id}`}>New credentials (JSON)</Label>
          <Textarea
            id={`credentials-${connection.id}`}
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder='{ "clientId": "…", "certificateId": "…", "privateKey": "…" }'
            autoComplete="off"
          />
          <ApiError error={formError ?? update.error} />
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" isLoading={update.isPending} onClick={submit}>
            Replace
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
