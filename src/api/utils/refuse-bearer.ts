import type { MedusaResponse } from "@medusajs/framework/http"
import { sendApiError } from "./api-error"

export type BearerRefusal =
  /** No bearer token at all: the challenge carries no error (RFC 6750 §3.1). */
  | { status: 401; missing: true }
  | { status: 401; code: "invalid_token" | "expired_token"; message: string }
  | { status: 403; scope: string }

/**
 * A bearer-token guard's refusal, the same on /erp and /partners: RFC 6750's
 * `WWW-Authenticate` challenge in the header, backy's error body with
 * `authorization` as the field at fault and a `code` a client can branch on
 * (`invalid_token`, `expired_token`, `insufficient_scope`).
 */
export function refuseBearer(res: MedusaResponse, realm: string, refusal: BearerRefusal): void {
  if ("missing" in refusal) {
    res.setHeader("WWW-Authenticate", `Bearer realm="${realm}"`)
    return sendApiError(res, 401, "authorization: Bearer <access token> is required", { code: "invalid_token" })
  }
  if (refusal.status === 403) {
    res.setHeader("WWW-Authenticate", `Bearer realm="${realm}", error="insufficient_scope", scope="${refusal.scope}"`)
    return sendApiError(res, 403, `authorization: this call needs the ${refusal.scope} scope`, {
      code: "insufficient_scope",
    })
  }
  res.setHeader("WWW-Authenticate", `Bearer realm="${realm}", error="invalid_token"`)
  sendApiError(res, 401, `authorization: ${refusal.message}`, { code: refusal.code })
}
