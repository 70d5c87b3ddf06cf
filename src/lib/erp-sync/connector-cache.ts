import { createConnector, type ConnectorConfig, type ErpConnector } from "../../../connectors"
import { open } from "../crypto/secret-box"

type ConnectionRow = {
  id: string
  kind: ConnectorConfig["kind"]
  settings: Record<string, unknown>
  credentials_encrypted: string | null
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
  const credentials = row.credentials_encrypted ? JSON.parse(open(row.credentials_encrypted, encryptionKey)) : undefined
  // Settings were validated when the connection was saved; createConnector checks them again.
  const connector = createConnector({ kind: row.kind, id: row.id, settings: row.settings, credentials } as unknown as ConnectorConfig)
  cache.set(row.id, { version, connector })
  return connector
}

export function forgetConnectors(): void {
  cache.clear()
}
