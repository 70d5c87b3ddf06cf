import { openApiRoute } from "../../openapi/route-handler"

/** GET /erp/openapi.json — the OpenAPI 3.1 document of this API (src/api/openapi). */
export const GET = openApiRoute("erp")
