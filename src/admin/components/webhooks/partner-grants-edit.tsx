import { Button, Drawer, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { GrantsPicker, grantsBody, type GrantsChoice } from "./grants-picker"
import { WEBHOOKS_API, type Partner, type PartnerGrants } from "./types"

/** The picker's choice for grants as the API stores them ("*" in the channels with no company: everything). */
function choiceOf(grants: PartnerGrants): GrantsChoice {
  const everything = grants.sales_channel_ids.includes("*") && grants.company_ids.length === 0
  if (everything) return { mode: "all", company_ids: [], sales_channel_ids: [] }
  if (!grants.company_ids.length && !grants.sales_channel_ids.length)
    return { mode: "none", company_ids: [], sales_channel_ids: [] }
  // Companies alone are stored with every channel ("*"); the picker lists real channels only.
  const channels = grants.sales_channel_ids.filter((id) => id !== "*")
  return { mode: "chosen", company_ids: grants.company_ids, sales_channel_ids: channels }
}

/**
 * "Grants" in a drawer: which companies and sales channels the partner's
 * endpoints receive order, invoice, quote and approval events about. A change
 * applies to events recorded from now on (README, partner grants).
 */
export const PartnerGrantsEdit = ({ partner }: { partner: Partner }) => {
  const [open, setOpen] = useState(false)
  const [grants, setGrants] = useState<GrantsChoice>(() => choiceOf(partner.grants))
  const save = useAdminAction<object>("POST", `${WEBHOOKS_API}/partners/${partner.id}`, [WEBHOOKS_API])
  return (
    <Drawer
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (next) setGrants(choiceOf(partner.grants))
        else save.reset()
      }}
    >
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Grants
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Grants of {partner.name}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4">
          <ApiError error={save.error} />
          <Text size="small" className="text-ui-fg-subtle">
            Applies to events recorded from now on; events already recorded keep the grants of their time.
          </Text>
          <GrantsPicker value={grants} onChange={setGrants} />
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button
            size="small"
            isLoading={save.isPending}
            onClick={() =>
              save.mutate(
                { grants: grantsBody(grants) },
                {
                  onSuccess: () => {
                    toast.success(`Grants of ${partner.name} saved`)
                    setOpen(false)
                  },
                }
              )
            }
          >
            Save grants
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
