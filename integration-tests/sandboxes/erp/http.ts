import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http"

/** One parsed request as a vendor handler sees it. */
export interface SandboxRequest {
  method: string
  /** Path below the vendor prefix, e.g. `/services/rest/record/v1/salesOrder/eid:o1`. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** Parsed JSON or form body (undefined when empty). */
  body: unknown
  rawBody: string
  /** `http://127.0.0.1:<port>` as the client addressed us. */
  origin: string
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export const reply = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  headers,
})

/** Thrown by handlers to answer with a vendor-shaped error. */
export class SandboxError extends Error {
  constructor(readonly reply: Reply) {
    super(`sandbox error ${reply.status}`)
  }
}

export function send(res: ServerResponse, r: Reply): void {
  if (res.destroyed) return
  const headers: Record<string, string> = { ...r.headers }
  let payload = ""
  if (r.body !== undefined && r.body !== "") {
    payload = typeof r.body === "string" ? r.body : JSON.stringify(r.body)
    headers["Content-Type"] ??= typeof r.body === "string" ? "text/plain" : "application/json"
  }
  headers["Content-Length"] = String(Buffer.byteLength(payload))
  res.writeHead(r.status, headers)
  res.end(payload)
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })
}

export function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw))
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization
  return h?.startsWith("Bearer ") ? h.slice(7) : undefined
}

export function basicCredentials(headers: IncomingHttpHeaders): { username: string; password: string } | undefined {
  const h = headers.authorization
  if (!h?.startsWith("Basic ")) return undefined
  const text = Buffer.from(h.slice(6), "base64").toString("utf8")
  const colon = text.indexOf(":")
  return colon === -1
    ? undefined
    : { username: safeDecode(text.slice(0, colon)), password: safeDecode(text.slice(colon + 1)) }
}

// OAuth2 client authentication form-encodes id and secret before Basic-encoding them (RFC 6749
// §2.3.1); plain Basic auth does not. Decode when it is valid, keep the text otherwise.
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
