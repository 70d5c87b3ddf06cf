import { Button, Drawer, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { toMajorString } from "../../../lib/money/to-major-string"
import { parseMajor } from "./money"
import { Choice, Field } from "./rule-fields"
import { CONTRACTS_API, PAYMENT_TERMS, termsLabel, type AdminContract, type PaymentTerms } from "./types"

type Fields = {
  reference: string
  payment_terms: PaymentTerms
  credit_limit: string
  valid_to: string
  status: AdminContract["status"]
}

function fieldsOf(contract: AdminContract): Fields {
  return {
    reference: contract.reference ?? "",
    payment_terms: contract.payment_terms,
    credit_limit: toMajorString(BigInt(contract.credit_limit_minor), contract.currency_code),
    valid_to: contract.valid_to ? contract.valid_to.slice(0, 10) : "",
    status: contract.status,
  }
}

/** "Edit terms": reference, payment terms, credit limit, end date, status (company and currency are fixed). */
export const ContractTermsForm = ({ contract }: { contract: AdminContract }) => {
  const [open, setOpen] = useState(false)
  const [fields, setFields] = useState<Fields>(fieldsOf(contract))
  const [inputError, setInputError] = useState<string | null>(null)
  const save = useAdminAction<object>("POST", `${CONTRACTS_API}/${contract.id}`, [CONTRACTS_API])
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }))
  const submit = () => {
    const limit = parseMajor(fields.credit_limit, contract.currency_code)
    if ("error" in limit) return setInputError(`Credit limit: ${limit.error}`)
    setInputError(null)
    save.mutate(
      {
        reference: fields.reference.trim() || null,
        payment_terms: fields.payment_terms,
        credit_limit_minor: limit.minor,
        valid_to: fields.valid_to.trim() || null,
        status: fields.status,
      },
      {
        onSuccess: () => {
          toast.success("Contract terms saved")
          setOpen(false)
        },
      }
    )
  }
  return (
    <Drawer
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (next) setFields(fieldsOf(contract))
        if (!next) {
          save.reset()
          setInputError(null)
        }
      }}
    >
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Edit terms
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Edit contract terms</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4">
          <ApiError error={inputError ? new Error(inputError) : save.error} />
          <Field
            id="contract-reference"
            label="Reference"
            value={fields.reference}
            onChange={(v) => set("reference", v)}
          />
          <Choice
            id="contract-terms"
            label="Payment terms"
            value={fields.payment_terms}
            options={PAYMENT_TERMS.map((t) => ({ value: t, label: termsLabel(t) }))}
            onChange={(v) => set("payment_terms", v)}
          />
          <Field
            id="contract-credit-limit"
            label={`Credit limit (${contract.currency_code.toUpperCase()})`}
            value={fields.credit_limit}
            onChange={(v) => set("credit_limit", v)}
          />
          <Field
            id="contract-valid-to"
            label="Valid to (YYYY-MM-DD, empty for open-ended)"
            value={fields.valid_to}
            onChange={(v) => set("valid_to", v)}
          />
          <Choice
            id="contract-status"
            label="Status"
            value={fields.status}
            options={[
              { value: "active", label: "Active" },
              { value: "terminated", label: "Terminated" },
            ]}
            onChange={(v) => set("status", v)}
          />
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
