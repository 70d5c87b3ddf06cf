import { createServer } from "node:net"
import type { AddressInfo, Socket } from "node:net"
import { createSender } from "../index"
import type { Sender, SenderOptions } from "../index"
import { startServer } from "./support/http-server"
import type { TestServer } from "./support/http-server"

const LOOPBACK_POLICY = { allowHttp: true, allowlist: ["127.0.0.1/32"] }

describe("createSender", () => {
  let server: TestServer
  let sender: Sender
  const senders: Sender[] = []

  const make = (options: Partial<SenderOptions> = {}) => {
    sender = createSender({ policy: LOOPBACK_POLICY, connectTimeoutMs: 500, totalTimeoutMs: 400, ...options })
    senders.push(sender)
    return sender
  }
  const post = (path = "/hook", body = '{"a":1}', headers: Record<string, string> = {}) =>
    sender.send({ url: server.url + path, headers, body })

  beforeEach(async () => {
    server = await startServer()
    make()
  })
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((s) => s.close()))
    await server.close()
  })

  it("posts the body with the given headers and reports a 2xx as success", async () => {
    server.setHandler((_req, res) => res.writeHead(202).end("accepted"))
    const result = await post("/hook?x=1", '{"a":1}', { "webhook-id": "msg_1" })
    expect(result).toMatchObject({ outcome: "success", status: 202, responseBody: "accepted" })
    expect(result.durationMs).toBeGreaterThanOrEqual(0)
    const [req] = server.requests
    expect(req).toMatchObject({ method: "POST", path: "/hook?x=1", body: '{"a":1}' })
    expect(req.headers).toMatchObject({ "webhook-id": "msg_1", "content-type": "application/json" })
  })

  it("does not follow a redirect and reports it as a failure", async () => {
    server.setHandler((req, res) => {
      if (req.path === "/hook") res.writeHead(301, { location: "/elsewhere" }).end()
      else res.end("should not be reached")
    })
    const result = await post()
    expect(result).toMatchObject({ outcome: "redirect", status: 301 })
    expect(server.requests.map((r) => r.path)).toEqual(["/hook"])
  })

  it("reports 410 as gone", async () => {
    server.setHandler((_req, res) => res.writeHead(410).end("unsubscribe"))
    expect(await post()).toMatchObject({ outcome: "gone", status: 410 })
  })

  it("reports 429 with its Retry-After", async () => {
    server.setHandler((_req, res) => res.writeHead(429, { "retry-after": "120" }).end())
    expect(await post()).toMatchObject({ outcome: "rate_limited", status: 429, retryAfterMs: 120_000 })
  })

  it("times out a receiver that never answers", async () => {
    server.setHandler(() => undefined)
    const started = Date.now()
    const result = await post()
    expect(result).toMatchObject({ outcome: "timeout", status: null, responseBody: null })
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it("reports a connection reset as a network error", async () => {
    server.setHandler((_req, _res, raw) => raw.socket.destroy())
    const result = await post()
    expect(result.outcome).toBe("network_error")
    expect(result.error).toBeTruthy()
  })

  it("reports a refused connection as a network error", async () => {
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r))
    const { port } = probe.address() as AddressInfo
    await new Promise((r) => probe.close(r))
    const result = await sender.send({ url: `http://127.0.0.1:${port}/`, headers: {}, body: "{}" })
    expect(result.outcome).toBe("network_error")
  })

  it("times out a TCP connection that accepts but never speaks HTTP", async () => {
    const held: Socket[] = []
    const blackhole = createServer((socket) => held.push(socket))
    await new Promise<void>((r) => blackhole.listen(0, "127.0.0.1", r))
    const { port } = blackhole.address() as AddressInfo
    const result = await sender.send({ url: `http://127.0.0.1:${port}/`, headers: {}, body: "{}" })
    expect(result.outcome).toBe("timeout")
    held.forEach((s) => s.destroy())
    await new Promise((r) => blackhole.close(r))
  })

  it("refuses an oversized payload before connecting", async () => {
    make({ maxPayloadBytes: 10 })
    const result = await post("/hook", "x".repeat(11))
    expect(result).toMatchObject({ outcome: "payload_too_large", status: null })
    expect(server.requests).toHaveLength(0)
  })

  it("truncates the stored response body", async () => {
    make({ maxResponseBytes: 100 })
    server.setHandler((_req, res) => res.end("y".repeat(50_000)))
    const result = await post()
    expect(result).toMatchObject({ outcome: "success", status: 200 })
    expect(result.responseBody).toBe("y".repeat(100))
  })

  it("cuts off a response body beyond the drain limit and keeps its status and first bytes", async () => {
    make({ maxResponseBytes: 10 })
    server.setHandler((_req, res) => res.writeHead(500).end("z".repeat(3 * 1024 * 1024)))
    const result = await post()
    expect(result).toMatchObject({ outcome: "server_error", status: 500, responseBody: "z".repeat(10) })
  })

  it("resolves a request still waiting for a socket at its deadline", async () => {
    make({ connections: 1 })
    server.setHandler(() => undefined) // the first request holds the only socket
    const started = Date.now()
    const [first, queued] = await Promise.all([post(), post()])
    expect(first.outcome).toBe("timeout")
    expect(queued).toMatchObject({ outcome: "timeout", status: null })
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it("blocks destinations the SSRF policy does not allow", async () => {
    make({ policy: { allowHttp: true } })
    const result = await post()
    expect(result.outcome).toBe("blocked")
    expect(result.error).toContain("loopback")
    make({ policy: { allowlist: ["127.0.0.1/32"] } })
    expect((await post()).outcome).toBe("blocked") // http without allowHttp
    expect(server.requests).toHaveLength(0)
  })

  it("reuses keep-alive connections across requests", async () => {
    const sockets = new Set<unknown>()
    server.setHandler((_req, res, raw) => {
      sockets.add(raw.socket)
      res.end("ok")
    })
    make({ connections: 1 })
    for (let i = 0; i < 5; i++) expect((await post()).outcome).toBe("success")
    expect(sockets.size).toBe(1)
  })

  it("never throws, even after close", async () => {
    await sender.close()
    expect(await post()).toMatchObject({ outcome: "internal_error", error: "Sender is closed" })
    expect(server.requests).toHaveLength(0)
  })
})
