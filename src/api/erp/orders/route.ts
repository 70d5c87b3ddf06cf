import type { MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import { ORDER_DOCUMENT_VERSION } from "../../../lib/orders/order-document"
import type { ErpRequest } from "../../utils/erp-request"
import type { ErpListOrdersType } from "./validators"

/**
 * GET /erp/orders?updated_since=&cursor=&limit= — orders the client may see,
 * oldest change first, keyset-paginated on (updated_at, id): a walk that
 * follows `next_cursor` sees every order written before it reaches the end,
 * and each page holds an order at most once.
 */
export async function GET(req: ErpRequest, res: MedusaResponse) {
  const query = (req as unknown as { validatedQuery: ErpListOrdersType }).validatedQuery
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const page = await erp.pageOrderDocuments({
    grants: req.erpClient.grants,
    updated_since: query.updated_since ? new Date(query.updated_since) : undefined,
    cursor: query.cursor,
    limit: query.limit,
  })
  // Documents are stored as JSON; splice them in instead of re-serializing.
  // Written directly: Express's res.send would hash the whole page for an
  // ETag, which costs about as much as reading it, for a cursor page that is
  // never revalidated.
  const body = Buffer.from(
    `{"object":"list","version":${JSON.stringify(ORDER_DOCUMENT_VERSION)},"data":[${page.documents_json.join(",")}],` +
      `"has_more":${page.has_more},"next_cursor":${JSON.stringify(page.next_cursor)}}`
  )
  res.writeHead(200, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": body.length,
    "Cache-Control": "no-store",
  })
  res.end(body)
}
