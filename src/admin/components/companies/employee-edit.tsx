import { Button, Drawer, Input, Label, Select, toast } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { useAdminAction } from "../../lib/query"
import { toMajorString } from "../../../lib/money/to-major-string"
import { parseMajor } from "../contracts/money"
import { COMPANIES_API, EMPLOYEE_ROLES, SPENDING_PERIODS, personName, type AdminEmployee } from "./types"

type Fields = { role: string; limit: string; period: string }

function fieldsOf(employee: AdminEmployee, currency: string): Fields {
  const limit = employee.spending_limit_minor
  return {
    role: employee.role,
    limit: limit === null || limit === undefined ? "" : toMajorString(BigInt(limit), currency),
    period: employee.spending_limit_period,
  }
}

/** Role and spending limit of one employee, in a drawer (an empty limit means none). */
export const EmployeeEdit = ({ employee, currency }: { employee: AdminEmployee; currency: string }) => {
  const [open, setOpen] = useState(false)
  const [fields, setFields] = useState<Fields>(fieldsOf(employee, currency))
  const [inputError, setInputError] = useState<string | null>(null)
  const save = useAdminAction<object>("POST", `${COMPANIES_API}/${employee.company_id}/employees/${employee.id}`, [
    COMPANIES_API,
  ])
  const submit = () => {
    let limit: string | null = null
    if (fields.limit.trim()) {
      const parsed = parseMajor(fields.limit, currency)
      if ("error" in parsed) return setInputError(`Spending limit: ${parsed.error}`)
      limit = parsed.minor
    }
    setInputError(null)
    save.mutate(
      { role: fields.role, spending_limit_minor: limit, spending_limit_period: fields.period },
      {
        onSuccess: () => {
          toast.success(`${personName(employee.customer)} saved`)
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
        if (next) setFields(fieldsOf(employee, currency))
        if (!next) {
          save.reset()
          setInputError(null)
        }
      }}
    >
      <Drawer.Trigger asChild>
        <Button size="small" variant="transparent">
          Edit
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{personName(employee.customer)}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4">
          <ApiError error={inputError ? new Error(inputError) : save.error} />
          <Choice
            id="employee-role"
            label="Role"
            value={fields.role}
            options={EMPLOYEE_ROLES}
            onChange={(role) => setFields((f) => ({ ...f, role }))}
          />
          <div className="flex flex-col gap-1">
            <Label htmlFor="employee-limit">Spending limit ({currency.toUpperCase()}, empty for none)</Label>
            <Input
              id="employee-limit"
              inputMode="decimal"
              value={fields.limit}
              onChange={(e) => setFields((f) => ({ ...f, limit: e.target.value }))}
            />
          </div>
          <Choice
            id="employee-period"
            label="Limit applies per"
            value={fields.period}
            options={SPENDING_PERIODS}
            onChange={(period) => setFields((f) => ({ ...f, period }))}
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

const Choice = ({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string
  label: string
  value: string
  options: readonly string[]
  onChange: (value: string) => void
}) => (
  <div className="flex flex-col gap-1">
    <Label htmlFor={id}>{label}</Label>
    <Select value={value} onValueChange={onChange}>
      <Select.Trigger id={id}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        {options.map((option) => (
          <Select.Item key={option} value={option}>
            {option}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  </div>
)
