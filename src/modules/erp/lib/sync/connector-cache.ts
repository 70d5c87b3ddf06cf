import { createConnector, type ConnectorConfig, type ErpConnector } from "../../../../../connectors"
import { open } from "../../../../lib/crypto/secret-box"

export type ConnectionRow = {
  id: string
  kind: ConnectorConfig["kind"]
  settings: Record<string, unknown>
  credentials_encrypted: string | null
  /** Syncs in flight at most; also the adapter's HTTP in-flight cap unless its settings say otherwise. */
  concurrency?: number | null
  updated_at: Date | string
}

/**
 * One connector (and so one breaker, token cache and concurrency limit) per
 * connection, rebuilt when the connection is edited.
 */
const cache = new Map<string, { version: string; connector: ErpConnector }>()

export function connectorFor(row: ConnectionRow, encryptionKey: string): ErpConnector {
  const version = new Date(row.updated_at).toISOString()
  const hit = cache.get(row.id)
  if (hit && hit.version === version) return hit.connector
  const connector = buildConnector(row, encryptionKey)
  cache.set(row.id, { version, connector })
  return connector
}

/** A connector that is not cached (e.g. to test settings before saving them). */
export function buildConnector(row: Omit<ConnectionRow, "updated_at">, encryptionKey: string): ErpConnector {
  const credentials = row.credentials_encrypted ? JSON.parse(open(row.credentials_encrypted, encryptionKey)) : undefined
  const settings = { ...row.settings }
  if (settings.concurrency === undefined && row.concurrency) settings.concurrency = row.concurrency
  // createConnector validates the settings and credentials (ErpConfigError naming what is missing).
  return createConnector({ kind: row.kind, id: row.id, settings, credentials } as unknown as ConnectorConfig)
}

export function forgetConnectors(): void {
  cache.clear()
}
