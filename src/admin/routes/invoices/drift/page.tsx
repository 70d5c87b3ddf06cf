import { Label, Switch } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../../../components/api-error"
import { DriftTable } from "../../../components/invoices/drift-table"
import type { MoneyDriftResponse } from "../../../components/invoices/types"
import { PageSection } from "../../../components/page-section"
import { Pager } from "../../../components/pager"
import { useAdminGet } from "../../../lib/query"

const LIMIT = 20

/** The money drift report: Medusa's order totals against invoices, credit notes and ERP documents. */
const DriftPage = () => {
  const [driftOnly, setDriftOnly] = useState(false)
  const [offset, setOffset] = useState(0)
  const report = useAdminGet<MoneyDriftResponse>("/admin/invoices/drift", {
    drift_only: driftOnly ? "true" : "false",
    limit: LIMIT,
    offset,
  })
  return (
    <PageSection
      title="Money drift"
      subtitle="Per order: Medusa's total, what was invoiced and credited, and what the ERP was given"
      actions={
        <div className="flex items-center gap-2">
          <Switch
            id="drift-only"
            checked={driftOnly}
            onCheckedChange={(checked) => {
              setDriftOnly(checked)
              setOffset(0)
            }}
          />
          <Label size="small" htmlFor="drift-only">
            Only orders with drift
          </Label>
        </div>
      }
    >
      <ApiError error={report.error} />
      <DriftTable rows={report.data?.orders ?? []} />
      <Pager count={report.data?.count ?? 0} limit={LIMIT} offset={offset} onChange={setOffset} />
    </PageSection>
  )
}

export default DriftPage
