/** A connection as the admin API shows it: settings yes, credentials never (only whether there are some). */
export function toAdminConnection<C extends { credentials_encrypted?: string | null }>(
  connection: C
): Omit<C, "credentials_encrypted"> & { has_credentials: boolean } {
  const { credentials_encrypted, ...rest } = connection
  return { ...rest, has_credentials: !!credentials_encrypted }
}

/** A pull client as the admin API shows it: never the secret or its hash. */
export function toAdminPullClient<C extends { client_secret_hash?: string | null }>(
  client: C
): Omit<C, "client_secret_hash"> {
  const { client_secret_hash: _hash, ...rest } = client
  return rest
}
