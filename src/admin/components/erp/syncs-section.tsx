import { Label, Select } from "@medusajs/ui"
import { useState } from "react"
import { ApiError } from "../api-error"
import { PageSection } from "../page-section"
import { Pager } from "../pager"
import { SyncsTable } from "./syncs-table"
import { useSyncsGet } from "./use-syncs-get"
import { SYNC_STATUSES, type SyncListResponse } from "./types"

const LIMIT = 20
const ANY = "any"

/** Every ERP sync, newest first, filtered by state (e.g. the failed ones to retry). */
export const SyncsSection = () => {
  const [status, setStatus] = useState("")
  const [offset, setOffset] = useState(0)
  const list = useSyncsGet<SyncListResponse>("/admin/erp/syncs", { status, limit: LIMIT, offset }, (d) => d.syncs)
  return (
    <PageSection title="Syncs" subtitle="Orders sent to each ERP: state, the ERP's id, the last error">
      <div className="flex items-end gap-4 px-6 py-4">
        <div className="flex w-48 flex-col gap-1">
          <Label size="small" htmlFor="erp-sync-status-filter">
            State
          </Label>
          <Select
            value={status || ANY}
            onValueChange={(v) => {
              setStatus(v === ANY ? "" : v)
              setOffset(0)
            }}
          >
            <Select.Trigger id="erp-sync-status-filter" aria-label="Sync state">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={ANY}>Any state</Select.Item>
              {SYNC_STATUSES.map((s) => (
                <Select.Item key={s} value={s}>
                  {s}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>
      <ApiError error={list.error} />
      <SyncsTable syncs={list.data?.syncs ?? []} />
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onChange={setOffset} />
    </PageSection>
  )
}
