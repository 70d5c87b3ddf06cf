import { Writable } from "node:stream"
import winston from "winston"
import { withLogContext } from "../context"
import { installStructuredLogging, logFormatMode } from "../install"

/** A Reporter-shaped object around a real winston logger, as Medusa builds it (cli format on the console). */
function medusaLikeReporter() {
  const lines: string[] = []
  const sink = new Writable({
    objectMode: true,
    write(info: Record<symbol, string>, _encoding, done) {
      lines.push(info[Symbol.for("message")])
      done()
    },
  })
  const loggerInstance_ = winston.createLogger({
    level: "info",
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Stream({ stream: sink, format: winston.format.cli() })],
  })
  return { reporter: { loggerInstance_ }, lines, winston: loggerInstance_ }
}

describe("installStructuredLogging", () => {
  it("makes Medusa's winston logger write redacted JSON lines carrying the caller's log context", async () => {
    const { reporter, lines, winston: inner } = medusaLikeReporter()
    expect(installStructuredLogging(reporter, { NODE_ENV: "production" })).toBe("json")
    await withLogContext({ request_id: "req_42" }, async () => {
      await Promise.resolve()
      withLogContext({ order_id: "order_7" }, () =>
        inner.log({ level: "info", message: "invoice issued sk_test_abc1" })
      )
    })
    inner.log({ level: "warn", message: "outside" })
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: "info",
        message: "invoice issued [REDACTED]",
        request_id: "req_42",
        order_id: "order_7",
      }),
      expect.not.objectContaining({ request_id: expect.anything() }),
    ])
  })

  it("chooses JSON unless in development, LOG_FORMAT deciding when set", () => {
    expect(logFormatMode({ NODE_ENV: "development" })).toBe("pretty")
    expect(logFormatMode({})).toBe("pretty")
    expect(logFormatMode({ NODE_ENV: "production" })).toBe("json")
    expect(logFormatMode({ NODE_ENV: "test" })).toBe("json")
    expect(logFormatMode({ NODE_ENV: "development", LOG_FORMAT: "JSON" })).toBe("json")
    expect(logFormatMode({ NODE_ENV: "production", LOG_FORMAT: "pretty" })).toBe("pretty")
    expect(() => logFormatMode({ LOG_FORMAT: "xml" })).toThrow('LOG_FORMAT must be "json" or "pretty", not "xml"')
  })
})
