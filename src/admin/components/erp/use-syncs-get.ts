import { useEffect, useState } from "react"
import { useAdminGet, type Query } from "../../lib/query"

/** How often a view with syncs in flight refetches, so a retry is seen to land. */
const POLL_MS = 2000

/**
 * useAdminGet for a view of ERP syncs that refetches every 2 s while one of
 * them is pending (a worker settles it soon), and not otherwise.
 */
export function useSyncsGet<T>(path: string, query: Query | undefined, syncsOf: (data: T) => { status: string }[]) {
  const [refetchMs, setRefetchMs] = useState<number | undefined>(undefined)
  const result = useAdminGet<T>(path, query, { refetchMs })
  const pending = !!result.data && syncsOf(result.data).some((s) => s.status === "pending")
  useEffect(() => setRefetchMs(pending ? POLL_MS : undefined), [pending])
  return result
}
