import { Button, Drawer, Input, Label, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { GrantsPicker, grantsBody, type GrantsChoice } from "./grants-picker"
import { WEBHOOKS_API, type Partner } from "./types"

export type IssuedCredentials = { partner: Partner; client_id: string; client_secret: string }

const EMPTY: GrantsChoice = { mode: "none", company_ids: [], sales_channel_ids: [] }

/** "Create partner" in a drawer; hands the one-time client secret to the page. */
export const PartnerCreate = ({ onCreated }: { onCreated: (issued: IssuedCredentials) => void }) => {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState("")
  const [grants, setGrants] = useState<GrantsChoice>(EMPTY)
  const create = useAdminAction<object, IssuedCredentials>("POST", `${WEBHOOKS_API}/partners`, [WEBHOOKS_API])
  const submit = () =>
    create.mutate(
      { name, grants: grantsBody(grants) },
      {
        onSuccess: (issued) => {
          toast.success(`Partner ${issued.partner.name} created`)
          onCreated(issued)
          setOpen(false)
          setName("")
          setGrants(EMPTY)
        },
      }
    )
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
          Create partner
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Create partner</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4">
          <ApiError error={create.error} />
          <div className="flex flex-col gap-1">
            <Label htmlFor="partner-name">Name</Label>
            <Input id="partner-name" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <GrantsPicker value={grants} onChange={setGrants} />
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
