import { Button, Checkbox, Drawer, Input, Label, Text } from "@medusajs/ui"
import { useState } from "react"
import { useAdminAction } from "../../lib/query"
import { ApiError } from "../api-error"
import { PULL_SCOPES, type CreatedPullClient } from "./types"

type Body = { name: string; scopes: string[]; sales_channel_ids: string[]; company_ids: string[] }

const ids = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)

const EMPTY = { name: "", scopes: ["orders:read"] as string[], salesChannels: "*", companies: "" }

/** A new pull client; the created client (with its secret, once) goes to `onCreated`. */
export const CreatePullClientDrawer = ({ onCreated }: { onCreated: (created: CreatedPullClient) => void }) => {
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState(EMPTY)
  const create = useAdminAction<Body, CreatedPullClient>("POST", "/admin/erp/pull-clients", ["/admin/erp/pull-clients"])
  const toggleScope = (scope: string, on: boolean) =>
    setForm({ ...form, scopes: on ? [...form.scopes, scope] : form.scopes.filter((s) => s !== scope) })
  const submit = () =>
    create.mutate(
      {
        name: form.name,
        scopes: form.scopes,
        sales_channel_ids: ids(form.salesChannels),
        company_ids: ids(form.companies),
      },
      {
        onSuccess: (created) => {
          onCreated(created)
          setForm(EMPTY)
          setOpen(false)
        },
      }
    )
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Create pull client
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>New pull client</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-3">
          <Label htmlFor="pull-client-name">Name</Label>
          <Input id="pull-client-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <Text size="small" weight="plus">
            Scopes
          </Text>
          {PULL_SCOPES.map((scope) => (
            <div key={scope} className="flex items-center gap-2">
              <Checkbox
                id={`scope-${scope}`}
                checked={form.scopes.includes(scope)}
                onCheckedChange={(checked) => toggleScope(scope, checked === true)}
              />
              <Label htmlFor={`scope-${scope}`}>{scope}</Label>
            </div>
          ))}
          <Label htmlFor="pull-client-channels">Sales channel ids (comma-separated, * for all)</Label>
          <Input
            id="pull-client-channels"
            value={form.salesChannels}
            onChange={(e) => setForm({ ...form, salesChannels: e.target.value })}
          />
          <Label htmlFor="pull-client-companies">Company ids (comma-separated, empty for all)</Label>
          <Input
            id="pull-client-companies"
            value={form.companies}
            onChange={(e) => setForm({ ...form, companies: e.target.value })}
          />
          <ApiError error={create.error} />
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" isLoading={create.isPending} onClick={submit}>
            Create
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
