import { REDACTED, redactText, redactValue } from "../redact"

describe("redactValue", () => {
  it("blanks values under secret keys at any depth, keeping ids and flags", () => {
    const out = redactValue({
      order_id: "order_1",
      credentials: { client_id: "c1", client_secret: "s3cr3t-value" },
      headers: { Authorization: "Bearer abc.def", "x-api-key": "k-123456" },
      nested: [{ password: "hunter22" }, { token_expired: true }],
      api_key: "",
    })
    expect(out).toEqual({
      order_id: "order_1",
      credentials: REDACTED,
      headers: { Authorization: REDACTED, "x-api-key": REDACTED },
      nested: [{ password: REDACTED }, { token_expired: true }],
      api_key: "",
    })
  })

  it("replaces secret-shaped text in any string, whatever its key", () => {
    const out = redactValue({
      error: "Stripe refused sk_test_51Habc123 and rk_live_XyZ9",
      note: "signing with whsec_dGVzdC1zZWNyZXQ= now",
      header: "authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJwIn0.c2ln",
    }) as Record<string, string>
    expect(out.error).toBe(`Stripe refused ${REDACTED} and ${REDACTED}`)
    expect(out.note).toBe(`signing with ${REDACTED} now`)
    expect(out.header).not.toMatch(/eyJ|c2ln/)
  })

  it("turns an Error into its redacted one-line description and stops at deep nesting", () => {
    expect(redactValue({ cause: new TypeError("bad key sk_live_abc123") })).toEqual({
      cause: `TypeError: bad key ${REDACTED}`,
    })
    const deep = { a: { b: { c: { d: { e: { f: { g: "x" } } } } } } }
    expect(JSON.stringify(redactValue(deep))).toContain("[nested too deep]")
  })
})

describe("redactText", () => {
  it("blanks secret pairs of a form body or a JSON text", () => {
    expect(redactText("grant_type=client_credentials&client_secret=abc123&scope=orders")).toBe(
      `grant_type=client_credentials&client_secret=${REDACTED}&scope=orders`
    )
    expect(redactText('{"client_id":"c1","client_secret":"abc \\" 123","n":1}')).toBe(
      `{"client_id":"c1","client_secret":"${REDACTED}","n":1}`
    )
    expect(redactText("Basic Y2xpZW50OnNlY3JldA==")).toBe(`Basic ${REDACTED}`)
  })

  it("leaves ordinary messages alone, validation messages about secret fields included", () => {
    const plain = "credentials.client_secret: is required; order order_01 (#12) invoiced"
    expect(redactText(plain)).toBe(plain)
  })
})
