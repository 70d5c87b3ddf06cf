import { ConfigError, loadHubConfig } from "../../config/env"

describe("TRUST_PROXY configuration", () => {
  const trustProxy = (value: string | undefined) => loadHubConfig({ TRUST_PROXY: value }).oauthRateLimit.trustProxy

  it("trusts no proxy by default", () => {
    expect(trustProxy(undefined)).toEqual({ hops: 0 })
    expect(trustProxy("")).toEqual({ hops: 0 })
  })

  it("reads a hop count, or a list of addresses and CIDRs (an address is its own /32 or /128)", () => {
    expect(trustProxy("2")).toEqual({ hops: 2 })
    expect(trustProxy(" 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,::1")).toEqual({
      proxies: ["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32", "::1/128"],
    })
  })

  it.each([
    "true",
    "-1",
    "33",
    "10.0.0.0/33",
    "2001:db8::/129",
    "10.0.0.0/8/1",
    "10.0.0.0/x",
    "loopback",
    "10.0.0.0/8, nope",
  ])("refuses %p at load, naming the variable", (value) => {
    expect(() => trustProxy(value)).toThrow(ConfigError)
    expect(() => trustProxy(value)).toThrow(/^Invalid configuration: TRUST_PROXY must be/)
  })
})
