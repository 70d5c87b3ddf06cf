import type { MedusaNextFunction } from "@medusajs/framework/http"
import type { OAuthApiService, OAuthClient } from "../../../../lib/oauth/oauth-api-service"
import { AccessTokenError, type AccessClaims } from "../../../../lib/oauth/token-authority"
import { bearerAuthentication } from "../bearer-authentication"
import { recordingResponse, request, TEST_API } from "./fakes"

describe("bearerAuthentication (RFC 6750)", () => {
  let client: OAuthClient
  let claims: AccessClaims
  const attached: unknown[] = []
  const guard = bearerAuthentication(TEST_API, {
    holder: "client",
    attach: (_req, c, tokenClaims) => void attached.push([c.client_id, tokenClaims.scopes]),
  })
  const service: Partial<OAuthApiService> = {
    async verifyAccessToken(token) {
      if (token === "expired") throw new AccessTokenError("expired_token", "the access token has expired")
      if (token !== "good") throw new AccessTokenError("invalid_token", "the access token is invalid")
      return claims
    },
    findOAuthClient: async (id) => (id === client.client_id ? client : undefined),
  }

  beforeEach(() => {
    attached.length = 0
    client = { id: "erpcl_1", client_id: "erp_1", scopes: ["orders:read", "orders:ack"], revoked_at: null }
    claims = { client_id: "erp_1", scopes: ["orders:read"] }
  })

  async function call(authorization: string | undefined, scope = "orders:read") {
    const { res, answered } = recordingResponse()
    const next = jest.fn()
    await guard(scope)(request(service, { authorization }), res, next as unknown as MedusaNextFunction)
    answered.next = next.mock.calls.length === 1
    return answered
  }

  it("lets a valid token with the scope through, with its client on the request", async () => {
    expect(await call("Bearer good")).toMatchObject({ next: true, body: undefined })
    expect(attached).toEqual([["erp_1", ["orders:read"]]])
  })

  it.each([
    ["no token", undefined, "Bearer <access token> is required", 'Bearer realm="backy-test"', "invalid_token"],
    ["a forged token", "Bearer forged", "the access token is invalid", 'error="invalid_token"', "invalid_token"],
    ["an expired token", "Bearer expired", "the access token has expired", 'error="invalid_token"', "expired_token"],
  ])("answers 401 to %s", async (_case, authorization, message, challenge, code) => {
    const answered = await call(authorization)
    expect(answered).toMatchObject({
      status: 401,
      next: false,
      body: { type: "unauthorized", code, message: `authorization: ${message}` },
    })
    expect(answered.headers["www-authenticate"]).toContain(challenge)
  })

  it("answers 401 to the token of a revoked or deleted client", async () => {
    client.revoked_at = new Date()
    expect(await call("Bearer good")).toMatchObject({
      status: 401,
      body: { code: "invalid_token", message: "authorization: the client of this token is revoked" },
    })
    claims = { client_id: "erp_gone", scopes: ["orders:read"] }
    expect((await call("Bearer good")).status).toBe(401)
  })

  it("answers 403 when the token lacks the scope, or the client's grant no longer has it", async () => {
    const missing = await call("Bearer good", "orders:ack")
    expect(missing).toMatchObject({
      status: 403,
      next: false,
      body: {
        type: "forbidden",
        code: "insufficient_scope",
        message: "authorization: this call needs the orders:ack scope",
      },
    })
    expect(missing.headers["www-authenticate"]).toContain('scope="orders:ack"')
    client.scopes = ["orders:ack"]
    expect((await call("Bearer good")).status).toBe(403)
    expect(attached).toEqual([])
  })
})
