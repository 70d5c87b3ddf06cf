import { callerAddress } from "../caller-address"

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
