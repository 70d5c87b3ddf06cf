import type { MedusaNextFunction } from "@medusajs/framework/http"
import { logger } from "@medusajs/framework/logger"
import type { OAuthApiService, OAuthClient } from "../../../../lib/oauth/oauth-api-service"
import { AccessTokenError, type AccessClaims } from "../../../../lib/oauth/token-authority"
import { bearerAuthentication } from "../bearer-authentication"
import { recordingResponse, request, TEST_API } from "./fakes"

/** What a failing key table says: for the log, never for the caller. */
const INTERNAL = "erp_signing_key: connection to db-internal.backy.example:5432 refused"

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
      if (token === "no-subject") throw new AccessTokenError("invalid_token", "the access token has no subject")
      if (token === "store-down") throw new Error(INTERNAL)
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

  describe("a failure behind the check", () => {
    const findClient = service.findOAuthClient
    let logged: jest.SpyInstance
    beforeEach(() => {
      logged = jest.spyOn(logger, "error").mockImplementation(() => undefined)
    })
    afterEach(() => {
      logged.mockRestore()
      service.findOAuthClient = findClient
    })
    const loggedLines = () => logged.mock.calls.map((args: unknown[]) => args.join(" "))
    const FIXED = { type: "unauthorized", code: "invalid_token", message: "authorization: the access token is invalid" }

    it("answers a key table that cannot be read with the fixed invalid_token description, logging what failed", async () => {
      const answered = await call("Bearer store-down")
      expect([answered.status, answered.body, answered.next]).toEqual([401, FIXED, false])
      expect(answered.headers["www-authenticate"]).toBe('Bearer realm="backy-test", error="invalid_token"')
      expect(loggedLines()).toEqual([`erp bearer check failed: Error: ${INTERNAL}`])
    })

    it("answers a client row that cannot be read the same way", async () => {
      service.findOAuthClient = async () => {
        throw new Error(INTERNAL)
      }
      const answered = await call("Bearer good")
      expect([answered.status, answered.body, answered.next]).toEqual([401, FIXED, false])
      expect(loggedLines()).toEqual([`erp bearer check failed: Error: ${INTERNAL}`])
    })

    it("keeps a token refusal to its fixed description too, and out of the error log", async () => {
      expect((await call("Bearer no-subject")).body).toEqual(FIXED)
      expect(loggedLines()).toEqual([])
    })
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
