import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../utils/validate-body"
import { authenticatePartner } from "../utils/authenticate-partner"
import { NoQuery, validateQuery } from "../utils/validate-query"
import {
  CreateEndpoint,
  EmptyBody,
  ListDeliveries,
  RecoverEndpoint,
  RotateSecret,
  UpdateEndpoint,
} from "../utils/webhook-validators"

/** The scope every endpoint and delivery call needs. */
export const WEBHOOKS_MANAGE = "webhooks:manage"

/**
 * /partners…: partners manage their webhook endpoints and see their
 * deliveries with a client-credentials bearer token (POST /partners/oauth/token).
 * Token, JWKS and event-types routes are public.
 */
export const partnerMiddlewares: MiddlewareRoute[] = [
  { matcher: "/partners/endpoints*", middlewares: [authenticatePartner(WEBHOOKS_MANAGE)] },
  { matcher: "/partners/deliveries*", middlewares: [authenticatePartner(WEBHOOKS_MANAGE)] },
  {
    matcher: "/partners/grants",
    method: ["GET"],
    middlewares: [authenticatePartner(WEBHOOKS_MANAGE), validateQuery(NoQuery)],
  },
  { matcher: "/partners/endpoints", method: ["POST"], middlewares: [validateBody(CreateEndpoint)] },
  { matcher: "/partners/endpoints/:id", method: ["POST"], middlewares: [validateBody(UpdateEndpoint)] },
  { matcher: "/partners/endpoints/:id/rotate-secret", method: ["POST"], middlewares: [validateBody(RotateSecret)] },
  { matcher: "/partners/endpoints/:id/test", method: ["POST"], middlewares: [validateBody(EmptyBody)] },
  { matcher: "/partners/endpoints/:id/recover", method: ["POST"], middlewares: [validateBody(RecoverEndpoint)] },
  { matcher: "/partners/jwks.json", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/partners/event-types", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/partners/endpoints", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/partners/deliveries", method: ["GET"], middlewares: [validateQuery(ListDeliveries)] },
  { matcher: "/partners/deliveries/:id/retry", method: ["POST"], middlewares: [validateBody(EmptyBody)] },
]
