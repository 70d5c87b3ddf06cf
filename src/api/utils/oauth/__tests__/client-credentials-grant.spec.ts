import { hashSecret } from "../../../../lib/crypto/client-secret"
import type { OAuthApiService, OAuthClient } from "../../../../lib/oauth/oauth-api-service"
import { OAuthError } from "../../../../lib/oauth/oauth-error"
import type { TrustProxy } from "../../../../lib/oauth/trusted-proxies"
import { clientCredentialsGrant } from "../client-credentials-grant"
import { beginTokenAttempt } from "../token-rate-limit"
import { recordingResponse, request, TEST_API } from "./fakes"

// The limiter's own behaviour is rate-limiter.spec.ts's (real Redis); here it only lets through or refuses.
jest.mock("../token-rate-limit", () => ({ beginTokenAttempt: jest.fn() }))
const begin = beginTokenAttempt as jest.MockedFunction<typeof beginTokenAttempt>
const settle = jest.fn(async () => undefined)

const SECRET = "erp_sk_right"
const grant = clientCredentialsGrant(TEST_API)
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`

describe("clientCredentialsGrant (RFC 6749 §4.4)", () => {
  let secretHash: string
  let client: OAuthClient
  let service: Partial<OAuthApiService>
  let trustProxy: TrustProxy

  beforeAll(async () => {
    secretHash = await hashSecret(SECRET)
  })
  beforeEach(() => {
    begin.mockReset().mockResolvedValue({ settle })
    settle.mockClear()
    trustProxy = { hops: 0 }
    client = { id: "erpcl_1", client_id: "erp_1", scopes: ["orders:read", "orders:ack"], revoked_at: null }
    service = {
      findOAuthClientForGrant: async (id) => (id === client.client_id ? { client, secretHash } : undefined),
      issueAccessToken: async (id, scopes) => ({ access_token: `token(${id}:${scopes.join(",")})`, expires_in: 600 }),
      oauthRateLimitSettings: () => ({
        redisUrl: "redis://unused",
        queuePrefix: "t",
        oauthRateLimit: {
          clientFailures: 1,
          ipFailures: 1,
          failureWindowSeconds: 1,
          ipRequestsPerMinute: 1,
          trustProxy,
        },
      }),
    }
  })

  async function token(init: Parameters<typeof request>[1]) {
    const { res, answered } = recordingResponse()
    await grant(request(service, init), res)
    return answered
  }

  it("issues a Bearer token for the requested scopes, uncached, and tells the limiter the client authenticated", async () => {
    const answered = await token({
      body: { grant_type: "client_credentials", client_id: "erp_1", client_secret: SECRET, scope: "orders:ack" },
    })
    expect(answered).toMatchObject({
      status: 200,
      headers: { "cache-control": "no-store" },
      body: { access_token: "token(erp_1:orders:ack)", token_type: "Bearer", expires_in: 600, scope: "orders:ack" },
    })
    expect(begin).toHaveBeenCalledWith(expect.anything(), { endpoint: "erp", clientId: "erp_1", ip: "203.0.113.9" })
    expect(settle).toHaveBeenCalledWith(true)
  })

  it("counts the socket's address, ignoring X-Forwarded-For, when no proxy is trusted (the default)", async () => {
    const body = { grant_type: "client_credentials", client_id: "erp_1", client_secret: SECRET }
    await token({ body, forwardedFor: "198.51.100.1" })
    await token({ body, forwardedFor: "198.51.100.2, 198.51.100.3" })
    expect(begin.mock.calls.map(([, caller]) => caller.ip)).toEqual(["203.0.113.9", "203.0.113.9"])
  })

  it("counts the right-most X-Forwarded-For entry behind one trusted hop (TRUST_PROXY=1)", async () => {
    trustProxy = { hops: 1 }
    const body = { grant_type: "client_credentials", client_id: "erp_1", client_secret: SECRET }
    await token({ body, socketAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.1" })
    expect(begin).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ ip: "198.51.100.1" }))
  })

  it("issues every granted scope when none is requested, with Basic credentials", async () => {
    const answered = await token({ authorization: basic("erp_1", SECRET), body: { grant_type: "client_credentials" } })
    expect(answered.body).toMatchObject({ scope: "orders:read orders:ack" })
  })

  it.each([
    ["a wrong secret", { client_id: "erp_1", client_secret: "wrong" }],
    ["an unknown client", { client_id: "erp_nobody", client_secret: SECRET }],
  ])("answers invalid_client to %s, counted as a failure", async (_case, credentials) => {
    const answered = await token({ body: { grant_type: "client_credentials", ...credentials } })
    expect(answered).toMatchObject({
      status: 401,
      body: { error: "invalid_client", error_description: "unknown client or wrong secret" },
    })
    expect(answered.headers).not.toHaveProperty("www-authenticate")
    expect(settle).toHaveBeenCalledWith(false)
  })

  it("answers an unknown client_id exactly as a wrong secret: status, headers and body", async () => {
    const grantWith = (client_id: string, client_secret: string) =>
      token({ body: { grant_type: "client_credentials", client_id, client_secret } })
    expect(await grantWith("erp_nobody", SECRET)).toEqual(await grantWith("erp_1", "wrong"))
  })

  it("answers invalid_client to a revoked client, even with the right secret", async () => {
    client.revoked_at = new Date()
    const answered = await token({
      body: { grant_type: "client_credentials", client_id: "erp_1", client_secret: SECRET },
    })
    expect(answered).toMatchObject({ status: 401, body: { error: "invalid_client" } })
    expect(settle).toHaveBeenCalledWith(false)
  })

  it("challenges a client that tried HTTP Basic with the API's realm (RFC 6749 §5.2)", async () => {
    for (const authorization of [basic("erp_1", "wrong"), "Basic !!!"]) {
      const answered = await token({ authorization, body: { grant_type: "client_credentials" } })
      expect(answered).toMatchObject({
        status: 401,
        headers: { "www-authenticate": 'Basic realm="backy-test"', "cache-control": "no-store" },
        body: { error: "invalid_client" },
      })
    }
  })

  it("answers invalid_scope for a scope not granted, after authenticating", async () => {
    const answered = await token({
      body: { grant_type: "client_credentials", client_id: "erp_1", client_secret: SECRET, scope: "orders:read x" },
    })
    expect(answered).toMatchObject({
      status: 400,
      body: { error: "invalid_scope", error_description: "not granted to this client: x" },
    })
  })

  it("refuses a malformed request before counting it or looking the client up", async () => {
    const answers = await Promise.all([
      token({ body: { grant_type: "password", client_id: "erp_1", client_secret: SECRET } }),
      token({
        authorization: basic("erp_1", SECRET),
        body: { grant_type: "client_credentials", client_secret: SECRET },
      }),
      token({ body: { grant_type: "client_credentials" } }),
    ])
    expect(answers.map((a) => [a.status, (a.body as { error: string }).error])).toEqual([
      [400, "unsupported_grant_type"],
      [400, "invalid_request"],
      [401, "invalid_client"],
    ])
    expect(begin).not.toHaveBeenCalled()
  })

  it("answers 429 with Retry-After when the limiter refuses, without checking the secret", async () => {
    begin.mockRejectedValue(
      new OAuthError("rate_limited", "too many token requests from this address; retry after 42 s", 42)
    )
    const findOAuthClientForGrant = jest.fn()
    service.findOAuthClientForGrant = findOAuthClientForGrant
    const answered = await token({
      body: { grant_type: "client_credentials", client_id: "erp_1", client_secret: SECRET },
    })
    expect(answered).toMatchObject({
      status: 429,
      headers: { "retry-after": "42", "cache-control": "no-store" },
      body: { error: "rate_limited" },
    })
    expect(findOAuthClientForGrant).not.toHaveBeenCalled()
  })

  it("lets any other error through to the error handler", async () => {
    service.issueAccessToken = async () => {
      throw new Error("database down")
    }
    const { res } = recordingResponse()
    const req = request(service, {
      body: { grant_type: "client_credentials", client_id: "erp_1", client_secret: SECRET },
    })
    await expect(grant(req, res)).rejects.toThrow("database down")
  })
})
