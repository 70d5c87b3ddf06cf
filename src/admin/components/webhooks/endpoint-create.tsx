import { Button, Drawer, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { EndpointForm, endpointBody, endpointFields } from "./endpoint-form"
import { WEBHOOKS_API, type Endpoint, type Partner } from "./types"

export type CreatedEndpoint = { endpoint: Endpoint; secret: string }

/** "Create endpoint" in a drawer; hands the one-time signing secret to the page. */
export const EndpointCreate = ({
  partners,
  onCreated,
}: {
  partners: Partner[]
  onCreated: (created: CreatedEndpoint) => void
}) => {
  const [open, setOpen] = useState(false)
  const [fields, setFields] = useState(endpointFields())
  const create = useAdminAction<object, CreatedEndpoint>("POST", `${WEBHOOKS_API}/endpoints`, [WEBHOOKS_API])
  const submit = () =>
    create.mutate(endpointBody(fields, true), {
      onSuccess: (created) => {
        toast.success(`Endpoint ${created.endpoint.url} created`)
        onCreated(created)
        setOpen(false)
        setFields(endpointFields())
      },
    })
  return (
    <Drawer
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) create.reset()
      }}
    >
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Create endpoint
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Create endpoint</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4 overflow-y-auto">
          <ApiError error={create.error} />
          <EndpointForm value={fields} onChange={setFields} partners={partners} />
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" onClick={submit} isLoading={create.isPending}>
            Create
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
