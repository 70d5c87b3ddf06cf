import { callerAddress, requestAddress } from "../caller-address"
import { parseTrustProxy } from "../trusted-proxies"

describe("callerAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::1", "0:0:0:0::/64"],
    ["2001:db8:0:1::5", "2001:db8:0:1::/64"],
    ["2001:0DB8:0000:0001:ffff:1:2:3", "2001:db8:0:1::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
    [undefined, "unknown"],
  ])("counts %s as %s", (address, bucket) => {
    expect(callerAddress(address)).toBe(bucket)
  })

  it("puts every address of one IPv6 /64 in the same bucket", () => {
    expect(callerAddress("2001:db8:1:2:aaaa::1")).toBe(callerAddress("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
    expect(callerAddress("2001:db8:1:2::1")).not.toBe(callerAddress("2001:db8:1:3::1"))
  })
})

describe("requestAddress (TRUST_PROXY)", () => {
  const from = (trustProxy: string, socket: string, forwardedFor?: string | string[]) =>
    requestAddress(socket, forwardedFor, parseTrustProxy(trustProxy))

  it("ignores X-Forwarded-For when no proxy is trusted (the default)", () => {
    expect(from("", "203.0.113.7", "198.51.100.1")).toBe("203.0.113.7")
    expect(from("0", "203.0.113.7", "198.51.100.1, 198.51.100.2")).toBe("203.0.113.7")
  })

  it("with one trusted hop, takes the right-most entry: the one the proxy added, not those the caller wrote", () => {
    expect(from("1", "10.0.0.2", "6.6.6.6, 198.51.100.1")).toBe("198.51.100.1")
    expect(from("1", "10.0.0.2", ["6.6.6.6", "198.51.100.1"])).toBe("198.51.100.1")
    expect(from("1", "10.0.0.2")).toBe("10.0.0.2")
  })

  it("with two trusted hops, skips the second proxy's entry", () => {
    expect(from("2", "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.9")).toBe("198.51.100.1")
  })

  it("with CIDRs, walks leftwards while the hop is one of the listed proxies", () => {
    const trust = "10.0.0.0/8, 2001:db8::/32, 192.0.2.7"
    expect(from(trust, "10.1.2.3", "6.6.6.6, 198.51.100.7, 192.0.2.7, 2001:db8::5")).toBe("198.51.100.7")
    expect(from(trust, "::ffff:10.1.2.3", "198.51.100.7")).toBe("198.51.100.7")
    // A socket peer that is not a listed proxy is the caller, whatever it forwards.
    expect(from(trust, "203.0.113.7", "198.51.100.7")).toBe("203.0.113.7")
    // Every hop trusted: the left-most entry is the best we know.
    expect(from(trust, "10.1.2.3", "10.4.4.4")).toBe("10.4.4.4")
  })

  it("stops at an entry that is not an address, at the last hop it could read", () => {
    expect(from("2", "10.0.0.2", "6.6.6.6, not-an-ip")).toBe("10.0.0.2")
    expect(from("2", "10.0.0.2", "198.51.100.1:4711, 10.0.0.9")).toBe("10.0.0.9")
  })
})
