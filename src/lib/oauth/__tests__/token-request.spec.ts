import { OAuthError } from "../oauth-error"
import { readTokenRequest } from "../token-request"

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`
const grant = { grant_type: "client_credentials" }

/** The OAuthError `read` throws, as code and description. */
function refusal(read: () => unknown): { code: string; status: number; message: string } {
  try {
    read()
  } catch (e) {
    if (e instanceof OAuthError) return { code: e.code, status: e.status, message: e.message }
    throw e
  }
  throw new Error("no OAuthError was thrown")
}

describe("readTokenRequest", () => {
  it("reads client_secret_post credentials and the scope from the body", () => {
    const request = readTokenRequest(undefined, {
      ...grant,
      client_id: "erp_1",
      client_secret: "s3cret",
      scope: "orders:read orders:ack",
    })
    expect(request).toEqual({
      credentials: { method: "body", clientId: "erp_1", secret: "s3cret" },
      scope: ["orders:read", "orders:ack"],
    })
  })

  it("reads HTTP Basic credentials, form-decoding the id and the secret (RFC 6749 §2.3.1)", () => {
    const request = readTokenRequest(basic(encodeURIComponent("id:with colon"), "a%2Bb+c%3Ad"), grant)
    expect(request.credentials).toEqual({ method: "basic", clientId: "id:with colon", secret: "a+b c:d" })
    expect(request.scope).toBeUndefined()
  })

  it("keeps malformed percent-encoding as it is: a wrong credential, not a crash", () => {
    expect(readTokenRequest(basic("erp_1", "100%"), grant).credentials.secret).toBe("100%")
  })

  it.each([
    ["no grant_type", {}, "invalid_request", 400, "grant_type is required"],
    [
      "another grant",
      { grant_type: "password" },
      "unsupported_grant_type",
      400,
      "grant_type must be client_credentials",
    ],
    [
      "a repeated grant_type",
      { grant_type: ["client_credentials", "x"] },
      "invalid_request",
      400,
      "grant_type must be a single string",
    ],
    ["no credentials", grant, "invalid_client", 401, "client_id and client_secret are required"],
    ["no secret", { ...grant, client_id: "erp_1" }, "invalid_client", 401, "client_id and client_secret are required"],
    [
      "a client_id that is not a string",
      { ...grant, client_id: 7, client_secret: "s" },
      "invalid_request",
      400,
      "client_id must be a single string",
    ],
    [
      "a repeated scope",
      { ...grant, client_id: "a", client_secret: "s", scope: ["a", "b"] },
      "invalid_request",
      400,
      "scope must be a single string",
    ],
    [
      "a scope of spaces only",
      { ...grant, client_id: "a", client_secret: "s", scope: "   " },
      "invalid_scope",
      400,
      "scope names no scope",
    ],
  ])("refuses %s", (_case, body, code, status, message) => {
    expect(refusal(() => readTokenRequest(undefined, body))).toEqual({ code, status, message })
  })

  it("refuses HTTP Basic and body credentials at once (RFC 6749 §2.3: one method per request)", () => {
    expect(refusal(() => readTokenRequest(basic("erp_1", "s"), { ...grant, client_secret: "s" }))).toEqual({
      code: "invalid_request",
      status: 400,
      message: "use HTTP Basic or client_id and client_secret in the body, not both",
    })
    expect(refusal(() => readTokenRequest(basic("erp_1", "s"), { ...grant, client_id: "erp_1" })).code).toBe(
      "invalid_request"
    )
  })

  it.each([
    ["without a colon", `Basic ${Buffer.from("erp_1").toString("base64")}`],
    ["with an empty secret", basic("erp_1", "")],
    ["without credentials", "Basic"],
  ])("answers invalid_client to Basic credentials %s", (_case, authorization) => {
    expect(refusal(() => readTokenRequest(authorization, grant)).code).toBe("invalid_client")
  })

  it("ignores an Authorization header of another scheme: the body authenticates", () => {
    const request = readTokenRequest("Bearer abc", { ...grant, client_id: "erp_1", client_secret: "s" })
    expect(request.credentials.method).toBe("body")
  })

  it("reads a body that is not an object as no parameters", () => {
    expect(refusal(() => readTokenRequest(undefined, "grant_type=client_credentials")).code).toBe("invalid_request")
    expect(refusal(() => readTokenRequest(undefined, [grant])).code).toBe("invalid_request")
  })
})
