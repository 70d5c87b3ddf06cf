import { ErpPermanentError, ErpRetryableError } from "../../../lib/errors"
import {
  BreakerRegistry,
  breakerStateLogger,
  connectorBreakerState,
  CONNECTION_BREAKER_DEFAULTS,
  countsAgainstErp,
} from "../../../lib/http/breakers"

describe("connection breakers", () => {
  it("count what says the ERP is unwell, not our request's faults", () => {
    expect(countsAgainstErp(new ErpRetryableError("503", { status: 503 }))).toBe(true)
    expect(countsAgainstErp(new Error("socket hang up"))).toBe(true)
    expect(countsAgainstErp(new ErpPermanentError("400", { status: 400 }))).toBe(false)
  })

  it("open after 5 failing calls by default, spelled as the connector contract spells states", async () => {
    const registry = new BreakerRegistry({ ...CONNECTION_BREAKER_DEFAULTS, resetTimeoutMs: 50 })
    const lines: string[] = []
    const log = (level: string) => (message: string) => lines.push(`${level} ${message}`)
    const logger = { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") }
    const breaker = registry.get("generic:c1", { onStateChange: breakerStateLogger("generic:c1", logger) })
    for (let i = 0; i < 5; i++) await breaker.fire(() => Promise.reject(new Error("down"))).catch(() => undefined)
    expect(connectorBreakerState(registry.state("generic:c1"))).toBe("open")
    await new Promise((r) => setTimeout(r, 80))
    expect(connectorBreakerState(registry.state("generic:c1"))).toBe("halfOpen")
    await breaker.fire(() => Promise.resolve("ok"))
    expect(connectorBreakerState(registry.state("generic:c1"))).toBe("closed")
    expect(connectorBreakerState(registry.state("generic:none"))).toBe("closed")
    expect(lines).toEqual([
      "warn circuit opened for generic:c1",
      "info circuit half-open for generic:c1",
      "info circuit closed for generic:c1",
    ])
    registry.shutdown()
  })
})
