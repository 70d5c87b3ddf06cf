import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { NoQuery, validateQuery } from "../../utils/validate-query"
import { EmptyBody, RecoverEndpoint, RotateSecret, UpdateEndpoint } from "../../utils/webhook-validators"
import {
  AdminCreateEndpoint,
  AdminCreatePartner,
  AdminListDeliveries,
  AdminListEndpoints,
  AdminUpdatePartner,
} from "./validators"

/** /admin/webhooks… (admin auth is Medusa's default for /admin): partners, every endpoint and delivery. */
export const adminWebhooksMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/webhooks/event-types", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/admin/webhooks/partners", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/admin/webhooks/partners", method: ["POST"], middlewares: [validateBody(AdminCreatePartner)] },
  { matcher: "/admin/webhooks/partners/:id", method: ["POST"], middlewares: [validateBody(AdminUpdatePartner)] },
  { matcher: "/admin/webhooks/partners/:id/credentials", method: ["POST"], middlewares: [validateBody(EmptyBody)] },
  { matcher: "/admin/webhooks/endpoints", method: ["GET"], middlewares: [validateQuery(AdminListEndpoints)] },
  { matcher: "/admin/webhooks/endpoints", method: ["POST"], middlewares: [validateBody(AdminCreateEndpoint)] },
  { matcher: "/admin/webhooks/endpoints/:id", method: ["POST"], middlewares: [validateBody(UpdateEndpoint)] },
  {
    matcher: "/admin/webhooks/endpoints/:id/rotate-secret",
    method: ["POST"],
    middlewares: [validateBody(RotateSecret)],
  },
  { matcher: "/admin/webhooks/endpoints/:id/test", method: ["POST"], middlewares: [validateBody(EmptyBody)] },
  { matcher: "/admin/webhooks/endpoints/:id/recover", method: ["POST"], middlewares: [validateBody(RecoverEndpoint)] },
  { matcher: "/admin/webhooks/deliveries", method: ["GET"], middlewares: [validateQuery(AdminListDeliveries)] },
  { matcher: "/admin/webhooks/deliveries/:id/retry", method: ["POST"], middlewares: [validateBody(EmptyBody)] },
]
