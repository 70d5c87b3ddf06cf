import { headerNameProblem, headerValueProblem, isReservedHeader } from "../index"

describe("headerNameProblem", () => {
  it.each(["X-Partner-Key", "x_tenant", "A1!#$%&'*+.^_`|~"])("accepts the token %j", (name) => {
    expect(headerNameProblem(name)).toBeNull()
  })

  it.each(["X Bad", "X-Key:", "X-Key\r\nInjected", "", "Ünicode", "(comment)", 'a"b'])(
    "refuses %j, which is not a token",
    (name) => {
      expect(headerNameProblem(name)).toBe("header name must be a token (RFC 9110 §5.1)")
    }
  )
})

describe("headerValueProblem", () => {
  it.each(["k-1", "", "Bearer abc def", "tab\tinside", "café"])("accepts %j", (value) => {
    expect(headerValueProblem(value)).toBeNull()
  })

  it.each(["a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b"])(
    "refuses %j, which would break the request line",
    (value) => {
      expect(headerValueProblem(value)).toBe("header value must not contain CR, LF or NUL (RFC 9110 §5.5)")
    }
  )

  it("names another control character or a character undici cannot send", () => {
    expect(headerValueProblem("bell\u0007")).toBe(
      "header value must not contain control characters such as U+0007 (RFC 9110 §5.5)"
    )
    expect(headerValueProblem("del\u007f")).toBe(
      "header value must not contain control characters such as U+007F (RFC 9110 §5.5)"
    )
    expect(headerValueProblem("日本")).toBe(
      "header value must be ISO-8859-1 text; U+65E5 cannot be sent (RFC 9110 §5.5)"
    )
  })
})

describe("isReservedHeader", () => {
  it.each(["Webhook-Signature", "webhook-id", "Content-Type", "HOST", "user-agent"])(
    "reserves %j for the delivery",
    (name) => {
      expect(isReservedHeader(name)).toBe(true)
    }
  )

  it.each(["X-Partner-Key", "Authorization", "X-Webhook-Source"])("lets %j be configured", (name) => {
    expect(isReservedHeader(name)).toBe(false)
  })
})
