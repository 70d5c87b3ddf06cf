/** GET /admin/erp/connections (credentials never included, only whether there are some). */
export type AdminErpConnection = {
  id: string
  name: string
  kind: string
  settings: Record<string, unknown>
  enabled: boolean
  concurrency: number
  max_attempts: number
  retry_base_ms: number
  has_credentials: boolean
  created_at: string
}
export type ConnectionListResponse = { connections: AdminErpConnection[]; count: number; limit: number; offset: number }

/** POST /admin/erp/connections/:id/test. */
export type ConnectionTestResult = {
  connection_id: string
  ok: boolean
  latency_ms: number
  breaker: string
  error: { code: string; message: string } | null
}

/** GET /admin/erp/syncs (src/api/admin/erp/erp-syncs.ts). */
export type AdminErpSync = {
  id: string
  order_id: string
  event_type: string
  connection_id: string
  connection_name: string | null
  status: string
  attempts: number
  next_attempt_at: string | null
  last_error: string | null
  last_status_code: number | null
  failure_reason: string | null
  erp_id: string | null
  created_at: string
  updated_at: string
  completed_at: string | null
}
export type SyncListResponse = { syncs: AdminErpSync[]; count: number; limit: number; offset: number }

/** GET /admin/erp/orders/:id/sync: the latest sync per connection. */
export type OrderSyncConnection = {
  connection_id: string
  connection_name: string | null
  status: string
  attempts: number
  last_error: string | null
  erp_id: string | null
  latest_sync_id: string
  event_type: string
  updated_at: string
  completed_at: string | null
  next_attempt_at: string | null
}
export type OrderSyncResponse = { order_id: string; connections: OrderSyncConnection[]; syncs: AdminErpSync[] }

/** GET /admin/erp/pull-clients (never a secret). */
export type AdminPullClient = {
  id: string
  name: string
  client_id: string
  scopes: string[]
  sales_channel_ids: string[]
  company_ids: string[]
  revoked_at: string | null
  created_at: string
}
export type PullClientListResponse = { pull_clients: AdminPullClient[]; count: number; limit: number; offset: number }
export type CreatedPullClient = { pull_client: AdminPullClient; client_secret: string }

export const CONNECTOR_KINDS = ["netsuite", "business-central", "generic"] as const
export const PULL_SCOPES = ["orders:read", "orders:ack", "fulfillments:write"] as const
export const SYNC_STATUSES = ["pending", "delivered", "failed", "canceled"] as const
