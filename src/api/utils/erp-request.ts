import type { MedusaRequest } from "@medusajs/framework/http"
import type { PullGrants } from "../../modules/erp/lib/grants"

/** A request authenticated by `authenticateErpClient`. */
export type ErpRequest<Body = unknown> = MedusaRequest<Body> & {
  erpClient: { id: string; client_id: string; scopes: string[]; grants: PullGrants }
}
