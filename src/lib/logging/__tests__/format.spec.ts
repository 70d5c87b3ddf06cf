import { jsonLine, lineFormat, prettyLine, toLogRecord } from "../format"

const MESSAGE = Symbol.for("message")
const at = new Date("2025-03-04T12:04:05.000Z")

describe("lineFormat", () => {
  it("writes one JSON object per line: timestamp, level, message, then the fields, redacted", () => {
    const info = lineFormat("json", () => at).transform({
      level: "info",
      message: "POST /partners/oauth/token client_secret=abc123",
      request_id: "req_1",
      order_id: "order_1",
      authorization: "Basic Y2xpZW50OnNlY3JldA==",
    }) as unknown as Record<symbol, string>
    const line = info[MESSAGE]
    expect(line).not.toContain("\n")
    expect(line).not.toContain("abc123")
    expect(line).not.toContain("Y2xpZW50OnNlY3JldA")
    expect(JSON.parse(line)).toEqual({
      timestamp: "2025-03-04T12:04:05.000Z",
      level: "info",
      message: "POST /partners/oauth/token client_secret=[REDACTED]",
      request_id: "req_1",
      order_id: "order_1",
      authorization: "[REDACTED]",
    })
  })

  it("writes a readable line in pretty mode, fields as key=value", () => {
    const info = lineFormat("pretty", () => at).transform({
      level: "warn",
      message: "webhook delivery will be retried",
      delivery_id: "whd_1",
      error: "HTTP 503 from receiver",
    }) as unknown as Record<symbol, string>
    expect(info[MESSAGE]).toBe(
      '12:04:05 warn  webhook delivery will be retried  delivery_id=whd_1 error="HTTP 503 from receiver"'
    )
  })
})

describe("toLogRecord", () => {
  it("drops the Reporter's config, keeps an error's message and turns bigints into strings in JSON", () => {
    const record = toLogRecord({ level: "error", message: new Error("boom"), config: { x: 1 }, total_minor: 10n }, at)
    expect(record).toMatchObject({ level: "error", message: "boom" })
    expect(record).not.toHaveProperty("config")
    expect(JSON.parse(jsonLine(record)).total_minor).toBe("10")
    expect(prettyLine(record)).toBe("12:04:05 error boom  total_minor=10")
  })
})
