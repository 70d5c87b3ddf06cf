import { openApiRoute } from "../../../openapi/route-handler"

/** GET /store/b2b/openapi.json — the OpenAPI 3.1 document of this API (src/api/openapi). */
export const GET = openApiRoute("store")
