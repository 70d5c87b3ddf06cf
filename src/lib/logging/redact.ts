/**
 * The last net before a line is written: no secret reaches a log, whatever
 * a caller passed. Values under secret-looking keys are replaced whole, and
 * secret-shaped text (Stripe keys, bearer tokens, JWTs, `secret=…` pairs) is
 * replaced inside any string, the message included.
 */
export const REDACTED = "[REDACTED]"

// The names connectors/lib/redact.ts blanks, so both nets agree.
const SECRET_KEY = /authorization|token|secret|password|passwd|assertion|private|api[-_]?key|cookie|credential/i

/** Text that is a secret wherever it appears. */
const SECRET_TEXT: readonly RegExp[] = [
  // Stripe secret and restricted keys, webhook signing secrets (also the hub's own endpoint secrets).
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]+/g,
  /\bwhsec_[A-Za-z0-9+/=_-]+/g,
  // An Authorization header's credentials, and any JWT (access tokens, client assertions).
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
]

const SECRET_NAME = String.raw`[\w.-]*(?:secret|password|passwd|token|api[-_]?key|authorization|assertion)`
/** `client_secret=…` (a form body, a query string) inside a message. */
const FORM_PAIR = new RegExp(String.raw`(\b${SECRET_NAME}=)[^\s&,;"']+`, "gi")
/**
 * `"password": "…"` (JSON) inside a message. The key must be quoted: a plain
 * `client_secret: is required` is a validation message, not a secret.
 */
const JSON_PAIR = new RegExp(String.raw`("${SECRET_NAME}"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|[^\s,}\]]+)`, "gi")

/** Longest nesting walked; deeper values are dropped rather than risked. */
const MAX_DEPTH = 6

export function redactText(text: string): string {
  let out = text
  for (const pattern of SECRET_TEXT) {
    out = out.replace(pattern, (_match, scheme?: string) =>
      typeof scheme === "string" && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED
    )
  }
  out = out.replace(FORM_PAIR, (_, name: string) => `${name}${REDACTED}`)
  return out.replace(JSON_PAIR, (_, name: string) => `${name}"${REDACTED}"`)
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key)
}

/** A copy of `value` with secret keys blanked and secret text replaced in every string. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value)
  if (value === null || typeof value !== "object") return value
  if (depth >= MAX_DEPTH) return "[nested too deep]"
  if (Array.isArray(value)) return value.map((member) => redactValue(member, depth + 1))
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`)
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    out[key] = isSecretKey(key) && isSecretValue(member) ? REDACTED : redactValue(member, depth + 1)
  }
  return out
}

/** Under a secret key, everything but "nothing there" and a flag (`token_expired: true`) is treated as the secret. */
function isSecretValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== "" && typeof value !== "boolean"
}
