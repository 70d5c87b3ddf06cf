import { Button, Drawer, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { EndpointForm, endpointBody, endpointFields } from "./endpoint-form"
import { WEBHOOKS_API, type Endpoint } from "./types"

/** "Edit" in a drawer: URL, description, event types, limits. */
export const EndpointEdit = ({ endpoint }: { endpoint: Endpoint }) => {
  const [open, setOpen] = useState(false)
  const [fields, setFields] = useState(endpointFields(endpoint))
  const save = useAdminAction<object>("POST", `${WEBHOOKS_API}/endpoints/${endpoint.id}`, [WEBHOOKS_API])
  const submit = () =>
    save.mutate(endpointBody(fields, false), {
      onSuccess: () => {
        toast.success("Endpoint saved")
        setOpen(false)
      },
    })
  return (
    <Drawer
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (next) setFields(endpointFields(endpoint))
        else save.reset()
      }}
    >
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Edit
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Edit endpoint</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4 overflow-y-auto">
          <ApiError error={save.error} />
          <EndpointForm value={fields} onChange={setFields} />
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" onClick={submit} isLoading={save.isPending}>
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
