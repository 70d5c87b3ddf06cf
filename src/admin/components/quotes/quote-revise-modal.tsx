import { Button, FocusModal, Heading, Input, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction, useAdminGet } from "../../lib/query"
import { draftFrom, reviseBody, type ReviseBody, type ReviseDraft } from "./revise-draft"
import { ReviseLinesEditor } from "./revise-lines-editor"
import { PAYMENT_TERMS, termsLabel, type QuoteResponse, type QuoteWithHistory } from "./types"
import { VariantSearch } from "./variant-search"

type Props = { quote: QuoteWithHistory; open: boolean; onClose: () => void; onCreated: (version: number) => void }

/** Radix's Select has no empty value: "none" stands for no shipping. */
const NO_SHIPPING = "none"

/**
 * A new version from the latest: lines (price, quantity, add, remove),
 * discount, shipping, payment terms, expiry and a comment. Only what changed
 * is sent; the API answers with the new version (or says which field is
 * wrong, or that the quote moved on).
 */
export const QuoteReviseModal = ({ quote, open, onClose, onCreated }: Props) => {
  const latest = quote.versions.find((v) => v.number === quote.latest_version)!
  const currency = quote.currency_code
  const [draft, setDraft] = useState<ReviseDraft>(() => draftFrom(latest, currency))
  const [formErrors, setFormErrors] = useState<string[]>([])
  const { data: options } = useAdminGet<{ shipping_options: { id: string; name: string }[] }>(
    open ? "/admin/shipping-options" : null,
    { fields: "id,name", limit: 100 }
  )
  const revise = useAdminAction<ReviseBody, QuoteResponse>("POST", `/admin/quotes/${quote.id}/versions`, [
    "/admin/quotes",
  ])
  const set = (patch: Partial<ReviseDraft>) => setDraft((d) => ({ ...d, ...patch }))

  const submit = () => {
    const { body, errors } = reviseBody(draft, latest, currency)
    setFormErrors(errors)
    if (errors.length) return
    revise.mutate(body, {
      onSuccess: ({ quote: revised }) => {
        toast.success(`Version ${revised.latest_version} created: send it when ready`)
        onCreated(revised.latest_version)
        onClose()
      },
    })
  }

  return (
    <FocusModal open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <FocusModal.Content>
        <FocusModal.Header>
          <div className="flex w-full items-center justify-end gap-2">
            <Button size="small" variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button size="small" onClick={submit} isLoading={revise.isPending}>
              Save as v{quote.latest_version + 1}
            </Button>
          </div>
        </FocusModal.Header>
        <FocusModal.Body className="overflow-y-auto">
          <div className="mx-auto flex max-w-4xl flex-col gap-6 px-6 py-8">
            <div>
              <FocusModal.Title asChild>
                <Heading level="h1">Revise quote: v{quote.latest_version + 1}</Heading>
              </FocusModal.Title>
              <FocusModal.Description asChild>
                <Text size="small" className="text-ui-fg-subtle">
                  Starting from v{quote.latest_version}. The buyer sees the new version once you send it.
                </Text>
              </FocusModal.Description>
            </div>
            {formErrors.map((e) => (
              <ApiError key={e} error={{ message: e }} />
            ))}
            <ApiError error={revise.error} />
            <div className="flex flex-col gap-3">
              <Heading level="h2">Lines</Heading>
              <ReviseLinesEditor lines={draft.lines} currency={currency} onChange={(lines) => set({ lines })} />
              <VariantSearch
                exclude={draft.lines.map((l) => l.variant_id)}
                onAdd={(v) =>
                  set({
                    lines: [
                      ...draft.lines,
                      {
                        variant_id: v.id,
                        title: v.product?.title ? `${v.product.title} · ${v.title}` : v.title,
                        sku: v.sku,
                        quantity: "1",
                        price: "",
                      },
                    ],
                  })
                }
              />
            </div>
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <div className="flex flex-col gap-1">
                <Label htmlFor="revise-discount" size="small">
                  Discount ({currency.toUpperCase()})
                </Label>
                <Input
                  id="revise-discount"
                  size="small"
                  inputMode="decimal"
                  value={draft.discount}
                  onChange={(e) => set({ discount: e.target.value })}
                />
              </div>
              <div className="flex flex-col gap-1">
                <Label size="small">Payment terms</Label>
                <Select
                  size="small"
                  value={draft.payment_terms}
                  onValueChange={(payment_terms) => set({ payment_terms })}
                >
                  <Select.Trigger aria-label="Payment terms">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    {PAYMENT_TERMS.map((t) => (
                      <Select.Item key={t} value={t}>
                        {termsLabel(t)}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select>
              </div>
              <div className="flex flex-col gap-1">
                <Label size="small">Shipping</Label>
                <Select
                  size="small"
                  value={draft.shipping_option_id || NO_SHIPPING}
                  onValueChange={(id) => set({ shipping_option_id: id === NO_SHIPPING ? "" : id })}
                >
                  <Select.Trigger aria-label="Shipping option">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value={NO_SHIPPING}>No shipping</Select.Item>
                    {(options?.shipping_options ?? []).map((o) => (
                      <Select.Item key={o.id} value={o.id}>
                        {o.name}
                      </Select.Item>
                    ))}
                    {draft.shipping_option_id &&
                    !(options?.shipping_options ?? []).some((o) => o.id === draft.shipping_option_id) ? (
                      <Select.Item value={draft.shipping_option_id}>
                        {latest.shipping?.name ?? draft.shipping_option_id}
                      </Select.Item>
                    ) : null}
                  </Select.Content>
                </Select>
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="revise-shipping-amount" size="small">
                  Shipping amount ({currency.toUpperCase()})
                </Label>
                <Input
                  id="revise-shipping-amount"
                  size="small"
                  inputMode="decimal"
                  disabled={!draft.shipping_option_id}
                  value={draft.shipping_amount}
                  onChange={(e) => set({ shipping_amount: e.target.value })}
                />
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="revise-expires" size="small">
                  Valid until
                </Label>
                <Input
                  id="revise-expires"
                  size="small"
                  type="date"
                  value={draft.expires_on}
                  onChange={(e) => set({ expires_on: e.target.value })}
                />
              </div>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="revise-comment" size="small">
                Comment (why this version; the buyer reads it)
              </Label>
              <Textarea
                id="revise-comment"
                value={draft.comment}
                maxLength={4000}
                onChange={(e) => set({ comment: e.target.value })}
              />
            </div>
          </div>
        </FocusModal.Body>
      </FocusModal.Content>
    </FocusModal>
  )
}
