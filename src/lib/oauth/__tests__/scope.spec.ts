import { OAuthError } from "../oauth-error"
import { parseScope, scopesToIssue } from "../scope"

describe("parseScope (RFC 6749 §3.3)", () => {
  it("splits on spaces, tolerating extra ones, and drops repeats", () => {
    expect(parseScope("orders:read  orders:ack orders:read ")).toEqual(["orders:read", "orders:ack"])
  })

  it("reads an absent or empty scope as no request (every granted scope)", () => {
    expect(parseScope(undefined)).toBeUndefined()
    expect(parseScope("")).toBeUndefined()
  })

  it("refuses a scope of spaces only", () => {
    expect(() => parseScope("  ")).toThrow(new OAuthError("invalid_scope", "scope names no scope"))
  })
})

describe("scopesToIssue", () => {
  const granted = ["orders:read", "orders:ack"]

  it("issues the requested scopes when all are granted, every granted one when none is requested", () => {
    expect(scopesToIssue(["orders:ack"], granted)).toEqual(["orders:ack"])
    expect(scopesToIssue(undefined, granted)).toEqual(granted)
  })

  it("refuses a scope not granted, naming it; scopes are case-sensitive", () => {
    expect(() => scopesToIssue(["orders:read", "Orders:Ack", "fulfillments:write"], granted)).toThrow(
      "not granted to this client: Orders:Ack fulfillments:write"
    )
    const refused = (() => {
      try {
        return scopesToIssue(["x"], granted)
      } catch (e) {
        return e
      }
    })()
    expect(refused).toMatchObject({ code: "invalid_scope", status: 400 })
  })
})
