import { countsAgainstBreaker, outcomeForStatus, verdictFor } from "../index"
import type { DeliveryOutcome } from "../index"

describe("outcomeForStatus", () => {
  it.each([
    [200, "success"],
    [204, "success"],
    [299, "success"],
    [301, "redirect"],
    [308, "redirect"],
    [400, "client_error"],
    [404, "client_error"],
    [410, "gone"],
    [429, "rate_limited"],
    [500, "server_error"],
    [503, "server_error"],
    [101, "client_error"],
  ])("maps %i to %s", (status, outcome) => {
    expect(outcomeForStatus(status)).toBe(outcome)
  })
})

describe("verdictFor", () => {
  it("delivers on success, disables on 410, gives up on an oversized payload", () => {
    expect(verdictFor("success")).toEqual({ kind: "delivered" })
    expect(verdictFor("gone")).toEqual({ kind: "disable_endpoint" })
    expect(verdictFor("payload_too_large")).toEqual({ kind: "give_up" })
  })

  it("retries redirects and other 4xx on the normal schedule", () => {
    expect(verdictFor("redirect")).toEqual({ kind: "retry", overload: false })
    expect(verdictFor("client_error")).toEqual({ kind: "retry", overload: false })
  })

  it("marks timeouts and 429s as overload and carries Retry-After", () => {
    expect(verdictFor("timeout")).toEqual({ kind: "retry", overload: true })
    expect(verdictFor("rate_limited", 30_000)).toEqual({ kind: "retry", overload: true, retryAfterMs: 30_000 })
    expect(verdictFor("server_error", 5_000)).toEqual({ kind: "retry", overload: false, retryAfterMs: 5_000 })
  })
})

describe("countsAgainstBreaker", () => {
  it("counts what ties up connections or says the receiver is down, not fast 3xx/4xx", () => {
    const counted: DeliveryOutcome[] = ["timeout", "network_error", "server_error", "rate_limited"]
    const ignored: DeliveryOutcome[] = ["success", "redirect", "client_error", "gone", "blocked", "payload_too_large"]
    expect(counted.every(countsAgainstBreaker)).toBe(true)
    expect(ignored.some(countsAgainstBreaker)).toBe(false)
  })
})
