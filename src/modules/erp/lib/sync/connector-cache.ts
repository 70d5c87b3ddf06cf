import { createConnector, type ConnectorConfig, type ErpConnector } from "../../../../../connectors"
import type { EncryptionKeys } from "../../../../lib/crypto/secret-box"
import { openConnectionCredentials } from "./connection-credentials"

export type ConnectionRow = {
  id: string
  kind: ConnectorConfig["kind"]
  settings: Record<string, unknown>
  credentials_encrypted: string | null
  /** Syncs in flight at most; also the adapter's HTTP in-flight cap unless its settings say otherwise. */
  concurrency?: number | null
  updated_at: Date | string
}

/** A connection's credentials as the admin sent them (before sealing, or after opening). */
export type ErpCredentials = Record<string, unknown>

/**
 * One connector (and so one breaker, token cache and concurrency limit) per
 * connection, rebuilt when the connection is edited.
 */
const cache = new Map<string, { version: string; connector: ErpConnector }>()

export function connectorFor(row: ConnectionRow, keys: EncryptionKeys): ErpConnector {
  const version = new Date(row.updated_at).toISOString()
  const hit = cache.get(row.id)
  if (hit && hit.version === version) return hit.connector
  const connector = buildConnector(row, keys)
  cache.set(row.id, { version, connector })
  return connector
}

/** A connector that is not cached, from a stored connection (credentials sealed). */
export function buildConnector(row: Omit<ConnectionRow, "updated_at">, keys: EncryptionKeys): ErpConnector {
  const credentials = row.credentials_encrypted
    ? openConnectionCredentials(row.id, row.credentials_encrypted, keys)
    : undefined
  return connectorWithCredentials(row, credentials)
}

/**
 * A connector that is not cached, from plain credentials: how settings are
 * tested before they are saved. createConnector validates the settings and
 * credentials (an ErpConfigError naming what is missing).
 */
export function connectorWithCredentials(
  row: Omit<ConnectionRow, "updated_at" | "credentials_encrypted">,
  credentials: ErpCredentials | undefined
): ErpConnector {
  const settings = { ...row.settings }
  if (settings.concurrency === undefined && row.concurrency) settings.concurrency = row.concurrency
  // Settings and credentials are each adapter's own shape; createConnector checks them at runtime.
  return createConnector({ kind: row.kind, id: row.id, settings, credentials } as unknown as ConnectorConfig)
}

export function forgetConnectors(): void {
  cache.clear()
}
