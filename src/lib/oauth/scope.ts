import { OAuthError } from "./oauth-error"

/**
 * The scopes a token request asks for (RFC 6749 §3.3): a list of
 * space-delimited, case-sensitive tokens; undefined when the parameter is
 * absent or empty, which asks for every scope granted to the client. Extra
 * spaces are tolerated; a scope of spaces only names no scope and is refused.
 */
export function parseScope(scope: string | undefined): string[] | undefined {
  if (scope === undefined || scope === "") return undefined
  const tokens = [...new Set(scope.split(" ").filter(Boolean))]
  if (!tokens.length) throw new OAuthError("invalid_scope", "scope names no scope")
  return tokens
}

/**
 * The scopes to put in the token: those requested, which must all be granted
 * to the client, or every granted one when none was requested.
 */
export function scopesToIssue(requested: string[] | undefined, granted: string[]): string[] {
  if (!requested) return granted
  const refused = requested.filter((s) => !granted.includes(s))
  if (refused.length) throw new OAuthError("invalid_scope", `not granted to this client: ${refused.join(" ")}`)
  return requested
}
