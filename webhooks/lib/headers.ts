/**
 * Static request headers an endpoint may configure. A header is checked when
 * the endpoint is saved: one the sender cannot put on the wire (a space in
 * its name, a CR/LF in its value) would make every delivery of that endpoint
 * fail, retried for days, and one the delivery sets itself must not be
 * overridden.
 * @module
 */

// RFC 9110 §5.6.2: token = 1*tchar.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// What undici (the sender) puts on the wire: HTAB, visible ASCII, space and obs-text (RFC 9110 §5.5).
const NOT_FIELD_CONTENT = /[^\t\x20-\x7e\x80-\xff]/
// CR and LF would split the request (header injection); NUL ends the line for many parsers.
const LINE_BREAKING = /[\r\n\0]/

// Headers the delivery owns: the signature set (`webhook-*`) and those undici or the body decide.
const RESERVED = new Set(["content-type", "content-length", "transfer-encoding", "host", "connection", "user-agent"])

/** True for headers the delivery sets itself (`webhook-*`, content-type, host…); endpoints cannot configure them. */
export function isReservedHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return lower.startsWith("webhook-") || RESERVED.has(lower)
}

/** Why `name` cannot be a header name, or null when it can (RFC 9110 §5.1: a token). */
export function headerNameProblem(name: string): string | null {
  return TOKEN.test(name) ? null : "header name must be a token (RFC 9110 §5.1)"
}

/** Why `value` cannot be sent as a header value, or null when it can (RFC 9110 §5.5). */
export function headerValueProblem(value: string): string | null {
  const bad = NOT_FIELD_CONTENT.exec(value)
  if (!bad) return null
  if (LINE_BREAKING.test(value)) return "header value must not contain CR, LF or NUL (RFC 9110 §5.5)"
  const codePoint = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`
  return bad[0] <= "\x7f"
    ? `header value must not contain control characters such as ${codePoint} (RFC 9110 §5.5)`
    : `header value must be ISO-8859-1 text; ${codePoint} cannot be sent (RFC 9110 §5.5)`
}
