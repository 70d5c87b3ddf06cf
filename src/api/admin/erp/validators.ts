import { z } from "@medusajs/framework/zod"
import { CONNECTOR_KINDS } from "../../../../connectors"
import { PULL_SCOPES } from "../../../modules/erp/lib/grants"
import { listParams } from "../../utils/list-params"

const connectionFields = {
  name: z.string().trim().min(1, { error: "must not be empty" }).max(200),
  kind: z.enum(CONNECTOR_KINDS),
  /** The adapter's settings (see connectors/<kind>/settings.ts); checked by building the connector. */
  settings: z.record(z.string(), z.unknown()),
  /** Write-only: encrypted at rest, never returned. */
  credentials: z.record(z.string(), z.unknown()).nullish(),
  enabled: z.boolean().optional(),
  /** Syncs in flight to this ERP at most, across all workers. */
  concurrency: z.number().int().min(1).max(200).optional(),
  max_attempts: z.number().int().min(1).max(100).optional(),
  retry_base_ms: z.number().int().min(100).max(3_600_000).optional(),
}

export const AdminCreateErpConnection = z.object(connectionFields).strict()
export type AdminCreateErpConnectionType = z.infer<typeof AdminCreateErpConnection>

export const AdminUpdateErpConnection = z.object(connectionFields).omit({ kind: true }).partial().strict()
export type AdminUpdateErpConnectionType = z.infer<typeof AdminUpdateErpConnection>

export const AdminCreatePullClient = z
  .object({
    name: z.string().trim().min(1, { error: "must not be empty" }).max(200),
    scopes: z.array(z.enum(PULL_SCOPES)).min(1),
    /** Sales channels whose orders the client sees; `["*"]` for all. */
    sales_channel_ids: z.array(z.string().min(1)).min(1),
    /** When not empty, only these buyer companies' orders. */
    company_ids: z.array(z.string().min(1)).default([]),
  })
  .strict()
export type AdminCreatePullClientType = z.infer<typeof AdminCreatePullClient>

export const AdminListErpSyncs = z
  .object({
    status: z.enum(["pending", "delivered", "failed", "canceled"]).optional(),
    connection_id: z.string().optional(),
    order_id: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListErpSyncsType = z.infer<typeof AdminListErpSyncs>

export const AdminListErpConnections = z.object(listParams({ defaultLimit: 50, maxLimit: 200 })).strict()
export type AdminListErpConnectionsType = z.infer<typeof AdminListErpConnections>

export const AdminListPullClients = z.object(listParams({ defaultLimit: 50, maxLimit: 200 })).strict()
export type AdminListPullClientsType = z.infer<typeof AdminListPullClients>
