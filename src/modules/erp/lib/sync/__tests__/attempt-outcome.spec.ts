import {
  ErpAuthError,
  ErpCircuitOpenError,
  ErpConfigError,
  ErpPermanentError,
  ErpRateLimitedError,
  ErpRetryableError,
  ErpTimeoutError,
} from "../../../../../../connectors"
import { attemptOutcomeOf } from "../attempt-outcome"

describe("attemptOutcomeOf", () => {
  it.each([
    ["a timeout (also a 408)", "timeout", new ErpTimeoutError("t", { status: 408 })],
    ["a network failure", "network_error", new ErpRetryableError("n", { vendorCode: "ECONNRESET" })],
    ["a 5xx", "server_error", new ErpRetryableError("s", { status: 502 })],
    ["a permanent 5xx (501)", "server_error", new ErpPermanentError("s", { status: 501 })],
    ["a 429", "rate_limited", new ErpRateLimitedError("r", { status: 429 })],
    ["a vendor's rate limit sent as a 400", "rate_limited", new ErpRateLimitedError("r", { status: 400 })],
    ["a vendor-retryable 400", "client_error", new ErpRetryableError("v", { status: 400 })],
    ["a 400", "client_error", new ErpPermanentError("p", { status: 400 })],
    ["a 401/403", "client_error", new ErpAuthError("a", { status: 403 })],
    ["a 410", "gone", new ErpPermanentError("g", { status: 410 })],
    ["a 3xx (never followed)", "redirect", new ErpPermanentError("r", { status: 302 })],
    ["an open breaker", "circuit_open", new ErpCircuitOpenError("c")],
    ["a bad mapping", "internal_error", new ErpConfigError("m")],
    ["a connector bug", "internal_error", new ErpPermanentError("b")],
    ["anything that is not a connector error", "internal_error", new Error("no published document")],
  ])("reads %s as %s", (_what, outcome, error) => {
    expect(attemptOutcomeOf(error)).toBe(outcome)
  })
})
