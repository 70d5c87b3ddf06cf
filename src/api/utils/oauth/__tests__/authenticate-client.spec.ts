import { hashSecret, verifySecret } from "../../../../lib/crypto/client-secret"
import type { OAuthApiService, OAuthClient } from "../../../../lib/oauth/oauth-api-service"
import { OAuthError } from "../../../../lib/oauth/oauth-error"
import { authenticateClient } from "../authenticate-client"
import { beginTokenAttempt } from "../token-rate-limit"
import { TEST_API } from "./fakes"

// The real scrypt check, recorded: the seam that shows which hash each request was checked against.
jest.mock("../../../../lib/crypto/client-secret", () => {
  const actual = jest.requireActual("../../../../lib/crypto/client-secret")
  return { ...actual, verifySecret: jest.fn(actual.verifySecret) }
})
const verify = verifySecret as jest.MockedFunction<typeof verifySecret>
jest.mock("../token-rate-limit", () => ({ beginTokenAttempt: jest.fn() }))
const begin = beginTokenAttempt as jest.MockedFunction<typeof beginTokenAttempt>

const SECRET = "erp_sk_right"

/** The hash's shape: scheme, then the byte lengths of salt and key (the scrypt parameters a hash carries). */
const shapeOf = (hash: string) => {
  const [scheme, salt, key] = hash.split("$")
  return [scheme, Buffer.from(salt, "base64url").length, Buffer.from(key, "base64url").length]
}

describe("authenticateClient", () => {
  let secretHash: string
  let client: OAuthClient
  let service: OAuthApiService

  beforeAll(async () => {
    secretHash = await hashSecret(SECRET)
  })
  beforeEach(() => {
    verify.mockClear()
    begin.mockReset().mockResolvedValue({ settle: async () => undefined })
    client = { id: "erpcl_1", client_id: "erp_1", scopes: ["orders:read"], revoked_at: null }
    service = {
      findOAuthClientForGrant: async (id: string) => (id === client.client_id ? { client, secretHash } : undefined),
      oauthRateLimitSettings: () => ({}),
    } as unknown as OAuthApiService
  })

  /** The refusal of an attempt, or "authenticated". */
  const attempt = (clientId: string, secret: string) =>
    authenticateClient(TEST_API, service, { method: "body", clientId, secret }, "203.0.113.9").then(
      () => "authenticated",
      (e: unknown) => e
    )

  it("checks an unknown client_id's secret with scrypt against a decoy hash of the same parameters", async () => {
    const refused = await attempt("erp_nobody", SECRET)
    expect(verify).toHaveBeenCalledTimes(1)
    const [checked, decoy] = verify.mock.calls[0]
    expect(checked).toBe(SECRET)
    expect(decoy).not.toBe(secretHash)
    expect(shapeOf(decoy)).toEqual(shapeOf(secretHash))
    // The wrapped function is the real one: the scrypt work ran, and found no match.
    await expect(verify.mock.results[0].value).resolves.toBe(false)
    expect(refused).toBeInstanceOf(OAuthError)
  })

  it("checks a revoked client's secret against the decoy too, never its own hash", async () => {
    client.revoked_at = new Date()
    await attempt("erp_1", SECRET)
    expect(verify).toHaveBeenCalledTimes(1)
    expect(verify.mock.calls[0][1]).not.toBe(secretHash)
  })

  it("refuses an unknown client_id, a revoked client and a wrong secret with one and the same error", async () => {
    const wrongSecret = await attempt("erp_1", "erp_sk_wrong")
    const unknown = await attempt("erp_nobody", SECRET)
    client.revoked_at = new Date()
    const revoked = await attempt("erp_1", SECRET)
    for (const refused of [wrongSecret, unknown, revoked]) {
      expect(refused).toBeInstanceOf(OAuthError)
      expect((refused as OAuthError).body).toEqual({
        error: "invalid_client",
        error_description: "unknown client or wrong secret",
      })
      expect((refused as OAuthError).status).toBe(401)
    }
    expect(verify).toHaveBeenCalledTimes(3)
  })

  it("checks a known client's secret against its own hash", async () => {
    expect(await attempt("erp_1", SECRET)).toBe("authenticated")
    expect(verify).toHaveBeenCalledWith(SECRET, secretHash)
  })
})
