import { Button, Drawer, Input, Label, Switch, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { ParentSelect } from "./parent-select"
import { COMPANIES_API, type AdminCompany, type CompanyResponse } from "./types"

type Fields = {
  name: string
  billing_email: string
  currency_code: string
  parent_company_id: string | null
  erp_account_number: string
  po_required: boolean
}

const EMPTY: Fields = {
  name: "",
  billing_email: "",
  currency_code: "usd",
  parent_company_id: null,
  erp_account_number: "",
  po_required: false,
}

function fieldsOf(company: AdminCompany): Fields {
  return {
    name: company.name,
    billing_email: company.billing_email,
    currency_code: company.currency_code,
    parent_company_id: company.parent_company_id,
    erp_account_number: company.erp_account_number ?? "",
    po_required: !!company.po_required,
  }
}

/**
 * "Create company" or "Edit" in a drawer. The API checks everything (an
 * email, an ISO currency, no cycle in the hierarchy) and its message is shown
 * as it came.
 */
export const CompanyForm = ({
  company,
  onSaved,
}: {
  /** Absent: create a company. */
  company?: AdminCompany
  onSaved?: (company: AdminCompany) => void
}) => {
  const [open, setOpen] = useState(false)
  const [fields, setFields] = useState<Fields>(company ? fieldsOf(company) : EMPTY)
  const save = useAdminAction<object, CompanyResponse>(
    "POST",
    company ? `${COMPANIES_API}/${company.id}` : COMPANIES_API,
    [COMPANIES_API]
  )
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }))
  const submit = () =>
    save.mutate(
      {
        name: fields.name,
        billing_email: fields.billing_email,
        currency_code: fields.currency_code,
        parent_company_id: fields.parent_company_id,
        erp_account_number: fields.erp_account_number.trim() || null,
        po_required: fields.po_required,
      },
      {
        onSuccess: ({ company: saved }) => {
          toast.success(company ? `${saved.name} saved` : `${saved.name} created`)
          setOpen(false)
          if (!company) setFields(EMPTY)
          onSaved?.(saved)
        },
      }
    )
  const title = company ? "Edit company" : "Create company"
  return (
    <Drawer
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (next && company) setFields(fieldsOf(company))
        if (!next) save.reset()
      }}
    >
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          {company ? "Edit" : "Create company"}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{title}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4 overflow-y-auto">
          <ApiError error={save.error} />
          <TextField id="company-name" label="Name" value={fields.name} onChange={(v) => set("name", v)} />
          <TextField
            id="company-billing-email"
            label="Billing email"
            type="email"
            value={fields.billing_email}
            onChange={(v) => set("billing_email", v)}
          />
          <TextField
            id="company-currency"
            label="Currency (ISO code)"
            value={fields.currency_code}
            onChange={(v) => set("currency_code", v)}
          />
          <ParentSelect
            value={fields.parent_company_id}
            exclude={company?.id}
            onChange={(v) => set("parent_company_id", v)}
          />
          <TextField
            id="company-erp"
            label="ERP account number (optional)"
            value={fields.erp_account_number}
            onChange={(v) => set("erp_account_number", v)}
          />
          <div className="flex items-center gap-2">
            <Switch
              id="company-po-required"
              checked={fields.po_required}
              onCheckedChange={(v) => set("po_required", v)}
            />
            <Label htmlFor="company-po-required">Purchase order number required at checkout</Label>
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" onClick={submit} isLoading={save.isPending}>
            {company ? "Save" : "Create"}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

const TextField = ({
  id,
  label,
  value,
  type = "text",
  onChange,
}: {
  id: string
  label: string
  value: string
  type?: string
  onChange: (value: string) => void
}) => (
  <div className="flex flex-col gap-1">
    <Label htmlFor={id}>{label}</Label>
    <Input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} />
  </div>
)
