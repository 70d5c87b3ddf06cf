import { assertSendableUrl, classifyAddress, createPinnedLookup, createSender, validateEndpointUrl } from "../index"
import type { ResolveAll, SsrfPolicy } from "../index"
import { startServer } from "./support/http-server"
import type { TestServer } from "./support/http-server"

const PUBLIC_V4 = "93.184.216.34"
const PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"

/** A resolver that answers from a queue of responses (the last one repeats). */
function scriptedResolver(...answers: string[][]): ResolveAll & { calls: number } {
  const resolve = async () => {
    const answer = answers[Math.min(resolve.calls, answers.length - 1)]
    resolve.calls++
    return answer.map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) }))
  }
  resolve.calls = 0
  return resolve
}

describe("classifyAddress", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["10.1.2.3", "private"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.254", "cgnat"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.255", "loopback"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.0.0.8", "ietf-protocol"],
    ["192.0.2.1", "documentation"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["168.63.129.16", "metadata"],
    ["100.100.100.200", "metadata"],
    [PUBLIC_V4, "public"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["100.128.0.1", "public"],
  ])("IPv4 %s is %s", (address, cls) => {
    expect(classifyAddress(address)).toBe(cls)
  })

  it.each([
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["fd00:ec2::254", "metadata"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["2001::1", "teredo"],
    ["100::1", "discard"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b::a00:1", "private"],
    ["64:ff9b::808:808", "public"],
    ["64:ff9b:1::1", "reserved"],
    ["2002:7f00:1::1", "loopback"],
    ["2002:a9fe:a9fe::1", "metadata"],
    ["2002:808:808::1", "public"],
    ["::127.0.0.1", "reserved"],
    ["4000::1", "reserved"],
    [PUBLIC_V6, "public"],
    ["2a00:1450:4001:81c::200e", "public"],
  ])("IPv6 %s is %s", (address, cls) => {
    expect(classifyAddress(address)).toBe(cls)
  })

  it("calls anything that is not an IP literal invalid", () => {
    expect(classifyAddress("example.com")).toBe("invalid")
    expect(classifyAddress("999.1.1.1")).toBe("invalid")
  })
})

describe("validateEndpointUrl", () => {
  const resolvesTo = (...addresses: string[]): SsrfPolicy => ({ resolve: scriptedResolver(addresses) })

  it("accepts an https URL whose every address is public", async () => {
    const { url, addresses } = await validateEndpointUrl(
      "https://hooks.partner.example/in",
      resolvesTo(PUBLIC_V4, PUBLIC_V6)
    )
    expect(url.hostname).toBe("hooks.partner.example")
    expect(addresses).toEqual([PUBLIC_V4, PUBLIC_V6])
  })

  it("requires https unless the policy allows http", async () => {
    await expect(validateEndpointUrl("http://hooks.partner.example/", resolvesTo(PUBLIC_V4))).rejects.toMatchObject({
      code: "ERR_WEBHOOK_INVALID_URL",
    })
    await expect(
      validateEndpointUrl("http://hooks.partner.example/", { ...resolvesTo(PUBLIC_V4), allowHttp: true })
    ).resolves.toBeDefined()
    await expect(validateEndpointUrl("ftp://x.example/", { allowHttp: true })).rejects.toMatchObject({
      code: "ERR_WEBHOOK_INVALID_URL",
    })
  })

  it("rejects credentials in the URL and unparsable URLs", async () => {
    await expect(validateEndpointUrl("https://user:pw@x.example/", resolvesTo(PUBLIC_V4))).rejects.toMatchObject({
      code: "ERR_WEBHOOK_INVALID_URL",
    })
    await expect(validateEndpointUrl("not a url", {})).rejects.toMatchObject({ code: "ERR_WEBHOOK_INVALID_URL" })
  })

  it("rejects port 0 and says so for a port above 65535, at create and at send time", async () => {
    await expect(
      validateEndpointUrl("https://hooks.partner.example:0/in", resolvesTo(PUBLIC_V4))
    ).rejects.toMatchObject({
      code: "ERR_WEBHOOK_INVALID_URL",
      message: "Webhook URL port 0 is not a valid port",
    })
    await expect(
      validateEndpointUrl("https://hooks.partner.example:65536/in", resolvesTo(PUBLIC_V4))
    ).rejects.toMatchObject({
      code: "ERR_WEBHOOK_INVALID_URL",
      message: "Webhook URL port 65536 is out of range (1–65535)",
    })
    expect(() => assertSendableUrl(`https://${PUBLIC_V4}:0/in`, {})).toThrow("Webhook URL port 0 is not a valid port")
    await expect(
      validateEndpointUrl("https://hooks.partner.example:65535/in", resolvesTo(PUBLIC_V4))
    ).resolves.toBeDefined()
  })

  it("rejects a host when any one of its addresses is private, naming the class", async () => {
    const err = await validateEndpointUrl("https://sneaky.example/", resolvesTo(PUBLIC_V4, "10.0.0.5")).catch((e) => e)
    expect(err).toMatchObject({ code: "ERR_WEBHOOK_SSRF_BLOCKED", address: "10.0.0.5", addressClass: "private" })
    expect(err.message).toContain("private")
  })

  it.each([
    ["https://127.0.0.1/", "loopback"],
    ["https://169.254.169.254/latest/meta-data", "metadata"],
    ["https://[::1]/", "loopback"],
    ["https://[::ffff:127.0.0.1]/", "loopback (IPv4-mapped 127.0.0.1)"],
    ["https://[fd00:ec2::254]/", "metadata"],
  ])("rejects the IP literal in %s as %s", async (url, cls) => {
    await expect(validateEndpointUrl(url, {})).rejects.toMatchObject({
      code: "ERR_WEBHOOK_SSRF_BLOCKED",
      addressClass: cls,
    })
  })

  it("lets allowlisted CIDRs and host names through", async () => {
    await expect(validateEndpointUrl("https://127.0.0.1:8443/", { allowlist: ["127.0.0.0/8"] })).resolves.toBeDefined()
    await expect(
      validateEndpointUrl("https://[::ffff:127.0.0.1]/", { allowlist: ["127.0.0.1/32"] })
    ).resolves.toBeDefined()
    await expect(
      validateEndpointUrl("https://erp.internal/", {
        allowlist: ["erp.internal"],
        resolve: scriptedResolver(["10.0.0.9"]),
      })
    ).resolves.toBeDefined()
    await expect(
      validateEndpointUrl("https://a.corp.example/", { allowlist: ["*.corp.example"] })
    ).resolves.toBeDefined()
    await expect(
      validateEndpointUrl("https://intra.example/", {
        allowlist: ["10.0.0.0/8"],
        resolve: scriptedResolver(["10.1.1.1"]),
      })
    ).resolves.toBeDefined()
  })

  it("reports a host that does not resolve", async () => {
    const failing: ResolveAll = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })
    }
    await expect(validateEndpointUrl("https://nope.example/", { resolve: failing })).rejects.toMatchObject({
      code: "ERR_WEBHOOK_UNRESOLVABLE_HOST",
    })
    await expect(validateEndpointUrl("https://empty.example/", resolvesTo())).rejects.toMatchObject({
      code: "ERR_WEBHOOK_UNRESOLVABLE_HOST",
    })
  })
})

describe("send-time pinning and DNS rebinding", () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(async () => {
    await server.close()
  })

  const sendTo = async (policy: SsrfPolicy) => {
    const sender = createSender({ policy, connectTimeoutMs: 1_000, totalTimeoutMs: 2_000 })
    try {
      return await sender.send({ url: `http://partner.test:${server.port}/hook`, headers: {}, body: "{}" })
    } finally {
      await sender.close()
    }
  }

  it("refuses to connect when the name rebinds to 127.0.0.1 after validation", async () => {
    const resolve = scriptedResolver([PUBLIC_V4], ["127.0.0.1"])
    const policy: SsrfPolicy = { allowHttp: true, resolve }
    await expect(validateEndpointUrl(`http://partner.test:${server.port}/hook`, policy)).resolves.toBeDefined()

    const result = await sendTo(policy)
    expect(result.outcome).toBe("blocked")
    expect(result.error).toContain("loopback")
    expect(resolve.calls).toBe(2)
    expect(server.requests).toHaveLength(0)
  })

  it("connects to exactly the vetted address, whatever system DNS says", async () => {
    // partner.test does not exist in DNS: reaching the server proves the socket used our answer.
    const result = await sendTo({
      allowHttp: true,
      allowlist: ["127.0.0.1/32"],
      resolve: scriptedResolver(["127.0.0.1"]),
    })
    expect(result).toMatchObject({ outcome: "success", status: 200 })
    expect(server.requests).toHaveLength(1)
  })

  it("hands net.connect only addresses of the requested family", (done) => {
    const lookup = createPinnedLookup({
      allowlist: ["127.0.0.1/32", "::1/128"],
      resolve: scriptedResolver(["::1", "127.0.0.1"]),
    })
    lookup("partner.test", { family: 4 }, (err, address, family) => {
      expect(err).toBeNull()
      expect([address, family]).toEqual(["127.0.0.1", 4])
      lookup("partner.test", { all: true }, (err2, addresses) => {
        expect(err2).toBeNull()
        expect(addresses).toEqual([
          { address: "::1", family: 6 },
          { address: "127.0.0.1", family: 4 },
        ])
        done()
      })
    })
  })
})
