import { Button, Drawer, Input, Label, Select, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useAdminAction } from "../../lib/query"
import { ApiError } from "../api-error"
import { parseJsonObject } from "./json-object"
import { CONNECTOR_KINDS } from "./types"

type Body = { name: string; kind: string; settings: Record<string, unknown>; credentials?: Record<string, unknown> }

const EMPTY = { name: "", kind: "netsuite", settings: "{}", credentials: "" }

/** A new ERP connection: the API checks the settings and credentials by building the adapter (400 naming what is missing). */
export const CreateConnectionDrawer = () => {
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState(EMPTY)
  const [formError, setFormError] = useState<unknown>(null)
  const create = useAdminAction<Body>("POST", "/admin/erp/connections", ["/admin/erp"])
  const submit = () => {
    setFormError(null)
    let body: Body
    try {
      body = {
        name: form.name,
        kind: form.kind,
        settings: parseJsonObject("settings", form.settings),
        ...(form.credentials.trim() ? { credentials: parseJsonObject("credentials", form.credentials) } : {}),
      }
    } catch (e) {
      setFormError(e)
      return
    }
    create.mutate(body, {
      onSuccess: () => {
        toast.success(`Connection ${form.name} created`)
        setForm(EMPTY)
        setOpen(false)
      },
    })
  }
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Create connection
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>New ERP connection</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-3">
          <Label htmlFor="connection-name">Name</Label>
          <Input id="connection-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <Label htmlFor="connection-kind">Kind</Label>
          <Select value={form.kind} onValueChange={(kind) => setForm({ ...form, kind })}>
            <Select.Trigger id="connection-kind">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {CONNECTOR_KINDS.map((k) => (
                <Select.Item key={k} value={k}>
                  {k}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Label htmlFor="connection-settings">Settings (JSON)</Label>
          <Textarea
            id="connection-settings"
            rows={6}
            value={form.settings}
            onChange={(e) => setForm({ ...form, settings: e.target.value })}
          />
          <Label htmlFor="connection-credentials">Credentials (JSON, write-only)</Label>
          <Textarea
            id="connection-credentials"
            rows={6}
            value={form.credentials}
            autoComplete="off"
            onChange={(e) => setForm({ ...form, credentials: e.target.value })}
          />
          <ApiError error={formError ?? create.error} />
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
