import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Audience } from "./operation"
import { publishedDocument } from "./published"

/** GET <api>/openapi.json: the audience's document (public for the machine APIs, for a logged-in customer under /store/b2b, staff-only for the whole). */
export function openApiRoute(audience: Audience) {
  return async function servedDocument(_req: MedusaRequest, res: MedusaResponse) {
    res.setHeader("Cache-Control", "public, max-age=300")
    res.json(publishedDocument(audience))
  }
}
