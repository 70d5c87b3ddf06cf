import { ConfigError, loadHubConfig } from "../../config/env"

describe("OAuth token rate limit configuration", () => {
  it("defaults to 10 per client and 30 per IP in 5 minutes, and 60 requests a minute per IP", () => {
    expect(loadHubConfig({}).oauthRateLimit).toEqual({
      clientFailures: 10,
      ipFailures: 30,
      failureWindowSeconds: 300,
      ipRequestsPerMinute: 60,
      trustProxy: { hops: 0 },
    })
  })

  it.each([
    "OAUTH_CLIENT_FAILURE_LIMIT",
    "OAUTH_IP_FAILURE_LIMIT",
    "OAUTH_FAILURE_WINDOW_SECONDS",
    "OAUTH_IP_REQUESTS_PER_MINUTE",
  ])("refuses a non-positive %s, naming it", (variable) => {
    expect(() => loadHubConfig({ [variable]: "0" })).toThrow(ConfigError)
    expect(() => loadHubConfig({ [variable]: "lots" })).toThrow(variable)
  })
})
