import { Button, Drawer, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { EMPTY_DRAFT, ruleBody, type RuleDraft } from "./rule-body"
import { Choice, Field, TierRows } from "./rule-fields"
import { CONTRACTS_API } from "./types"
import { variantLabel, type VariantOption } from "./use-variants"
import { VariantPicker } from "./variant-picker"

const TYPES = [
  { value: "fixed_price", label: "Fixed unit price" },
  { value: "tiered_price", label: "Quantity tiers" },
  { value: "discount", label: "Discount" },
  { value: "quantity_constraint", label: "Minimum quantity / increment" },
] as const
const SCOPES = [
  { value: "catalogue", label: "Whole catalogue" },
  { value: "product", label: "A product (id)" },
  { value: "category", label: "A category (id)" },
  { value: "collection", label: "A collection (id)" },
] as const

/** "Add rule": one price rule of any kind the contract model supports, checked by the API as a new rule. */
export const RuleEditor = ({ contractId, currency }: { contractId: string; currency: string }) => {
  const [open, setOpen] = useState(false)
  const [draft, setDraft] = useState<RuleDraft>(EMPTY_DRAFT)
  const [variant, setVariant] = useState<VariantOption | null>(null)
  const [inputError, setInputError] = useState<string | null>(null)
  const add = useAdminAction<object>("POST", `${CONTRACTS_API}/${contractId}/rules`, [CONTRACTS_API])
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const reset = () => {
    setDraft(EMPTY_DRAFT)
    setVariant(null)
    setInputError(null)
    add.reset()
  }
  const submit = () => {
    const body = ruleBody(draft, currency)
    if ("error" in body) return setInputError(body.error)
    setInputError(null)
    add.mutate(
      { rules: [body.rule] },
      {
        onSuccess: () => {
          toast.success("Rule added")
          setOpen(false)
          reset()
        },
      }
    )
  }
  const targetsVariant = draft.type !== "discount"
  return (
    <Drawer
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) reset()
      }}
    >
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Add rule
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Add price rule</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4 overflow-y-auto">
          <ApiError error={inputError ? new Error(inputError) : add.error} />
          <Choice id="rule-type" label="Kind" value={draft.type} options={TYPES} onChange={(v) => set("type", v)} />
          {targetsVariant ? (
            <>
              <Text size="small" data-testid="rule-variant">
                Variant: {variant ? variantLabel(variant, variant.id) : "none picked"}
              </Text>
              <VariantPicker
                id="rule-variant-search"
                label="Find variant"
                actionLabel="Use"
                onPick={(v) => {
                  setVariant(v)
                  set("variant_id", v.id)
                }}
              />
            </>
          ) : null}
          {draft.type === "fixed_price" ? (
            <Field
              id="rule-price"
              label={`Unit price (${currency.toUpperCase()})`}
              placeholder="9.50"
              value={draft.price}
              onChange={(v) => set("price", v)}
            />
          ) : null}
          {draft.type === "tiered_price" ? (
            <>
              <Choice
                id="rule-tier-mode"
                label="Tier mode"
                value={draft.tier_mode}
                options={[
                  { value: "volume", label: "Volume: every unit at the tier reached" },
                  { value: "graduated", label: "Graduated: each band at its own price" },
                ]}
                onChange={(v) => set("tier_mode", v)}
              />
              <TierRows tiers={draft.tiers} currency={currency} onChange={(t) => set("tiers", t)} />
            </>
          ) : null}
          {draft.type === "discount" ? (
            <>
              <Choice
                id="rule-scope"
                label="Applies to"
                value={draft.scope}
                options={SCOPES}
                onChange={(v) => set("scope", v)}
              />
              {draft.scope !== "catalogue" ? (
                <Field
                  id="rule-scope-id"
                  label={`${draft.scope} id`}
                  value={draft.scope_id}
                  onChange={(v) => set("scope_id", v)}
                />
              ) : null}
              <Choice
                id="rule-discount-kind"
                label="Discount"
                value={draft.discount_kind}
                options={[
                  { value: "percentage", label: "Percentage off" },
                  { value: "fixed_amount", label: "Amount off each unit" },
                ]}
                onChange={(v) => set("discount_kind", v)}
              />
              {draft.discount_kind === "percentage" ? (
                <Field
                  id="rule-percentage"
                  label="Percentage"
                  placeholder="12.5"
                  value={draft.percentage}
                  onChange={(v) => set("percentage", v)}
                />
              ) : (
                <Field
                  id="rule-amount-off"
                  label={`Amount off (${currency.toUpperCase()})`}
                  placeholder="1.00"
                  value={draft.amount_off}
                  onChange={(v) => set("amount_off", v)}
                />
              )}
            </>
          ) : null}
          {draft.type === "quantity_constraint" ? (
            <>
              <Field
                id="rule-min-quantity"
                label="Minimum order quantity"
                value={draft.min_quantity}
                onChange={(v) => set("min_quantity", v)}
              />
              <Field
                id="rule-increment"
                label="Increment"
                value={draft.increment}
                onChange={(v) => set("increment", v)}
              />
            </>
          ) : null}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" onClick={submit} isLoading={add.isPending}>
            Add rule
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
