import type { MedusaRequest } from "@medusajs/framework/http"

/** RFC 6749/6750 error bodies, which OAuth clients (ERPs, partners) understand. */
export function oauthError(error: string, description: string) {
  return { error, error_description: description }
}

/** Malformed percent-encoding is a bad credential, not a server error. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "))
  } catch {
    return text
  }
}

/**
 * Client credentials from HTTP Basic (client_secret_basic) or the body
 * (client_secret_post, JSON or form). Shared by /erp and /partners token routes.
 */
export function readClientCredentials(req: MedusaRequest): { id?: string; secret?: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "")
  if (basic) {
    // RFC 6749 §2.3.1: id and secret are form-encoded, then joined by the first ":".
    const text = Buffer.from(basic[1], "base64").toString("utf8")
    const colon = text.indexOf(":")
    if (colon === -1) return {}
    return { id: safeDecode(text.slice(0, colon)), secret: safeDecode(text.slice(colon + 1)) }
  }
  const body = (req.body ?? {}) as Record<string, unknown>
  const str = (v: unknown) => (typeof v === "string" ? v : undefined)
  return { id: str(body.client_id), secret: str(body.client_secret) }
}
