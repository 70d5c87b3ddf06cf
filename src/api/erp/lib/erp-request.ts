import type { MedusaRequest } from "@medusajs/framework/http"
import type { PullGrants } from "../../../modules/erp/lib/grants"

/** A request authenticated by `authenticateErpClient`. */
export type ErpRequest<Body = unknown> = MedusaRequest<Body> & {
  erpClient: { id: string; client_id: string; scopes: string[]; grants: PullGrants }
}

/** RFC 6749/6750-style error bodies, which ERP OAuth clients understand. */
export function oauthError(error: string, description: string) {
  return { error, error_description: description }
}
