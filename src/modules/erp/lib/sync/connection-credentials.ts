import { open, seal, type EncryptionKeys } from "../../../../lib/crypto/secret-box"
import type { ErpCredentials } from "./connector-cache"

/** What a connection's sealed credentials are bound to: its row (copied to another connection, they do not open). */
export const connectionCredentialsAad = (connectionId: string) => `erp_connection.credentials:${connectionId}`

export function sealConnectionCredentials(
  connectionId: string,
  credentials: ErpCredentials,
  keys: EncryptionKeys
): string {
  return seal(JSON.stringify(credentials), keys, connectionCredentialsAad(connectionId))
}

export function openConnectionCredentials(connectionId: string, sealed: string, keys: EncryptionKeys): ErpCredentials {
  return JSON.parse(open(sealed, keys, connectionCredentialsAad(connectionId))) as ErpCredentials
}
