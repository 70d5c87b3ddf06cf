import { z } from "@medusajs/framework/zod"
import { OAuthErrorBody } from "../../openapi/schemas"
import type { Operation } from "../../openapi/operation"
import { NoQuery } from "../validate-query"

/** The client-credentials token request (RFC 6749 §4.4.2) as documented; readTokenRequest checks it in the route. */
export const TokenRequestBody = z.object({
  grant_type: z.literal("client_credentials"),
  client_id: z.string().optional().meta({ description: "With client_secret, unless HTTP Basic is used" }),
  client_secret: z.string().optional(),
  scope: z.string().optional().meta({ description: "Space-separated; none = every granted scope" }),
})

export const TokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  scope: z.string(),
})

export const JsonWebKeySet = z.object({
  keys: z.array(
    z.object({
      kty: z.string(),
      kid: z.string(),
      alg: z.string().optional(),
      use: z.string().optional(),
      crv: z.string().optional(),
      x: z.string().optional(),
      y: z.string().optional(),
    })
  ),
})

const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" as const } } }

/** POST <api>/oauth/token and GET <api>/jwks.json of one machine API. */
export function oauthOperations(prefix: "/erp" | "/partners", tag: string): Operation[] {
  const audience = prefix === "/erp" ? "erp" : "partners"
  const name = prefix === "/erp" ? "Erp" : "Partner"
  return [
    {
      method: "post",
      path: `${prefix}/oauth/token`,
      operationId: `issue${name}Token`,
      summary: "Client-credentials token (RFC 6749 §4.4): HTTP Basic or client_id/client_secret in the body",
      tags: [tag],
      audiences: [audience],
      security: [],
      body: TokenRequestBody,
      bodyContentTypes: ["application/x-www-form-urlencoded", "application/json"],
      validatedByRoute: true,
      responses: {
        200: { description: "A short-lived ES256 JWT", schema: TokenResponse },
        400: { description: "Malformed request (RFC 6749 §5.2)", schema: OAuthErrorBody },
        401: { description: "Unknown client or wrong secret", schema: OAuthErrorBody },
        429: { description: "Too many attempts", schema: OAuthErrorBody, headers: RETRY_AFTER },
      },
    },
    {
      method: "get",
      path: `${prefix}/jwks.json`,
      operationId: `get${name}Jwks`,
      summary: "The public keys that verify access tokens (JWK Set)",
      tags: [tag],
      audiences: [audience],
      security: [],
      query: NoQuery,
      responses: { 200: { description: "JWK Set (RFC 7517)", schema: JsonWebKeySet } },
      errors: [503],
    },
  ]
}
