import { request, Agent } from "node:http"
import { startPartnerReceiver, type PartnerReceiver } from "../partner"

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Minimal client so failures (timeout, reset) surface as rejected promises with their code. */
function post(
  url: string,
  body: string,
  opts: { headers?: Record<string, string>; timeoutMs?: number; agent?: Agent } = {}
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      agent: opts.agent ?? false,
      headers: { "content-type": "application/json", ...opts.headers },
      timeout: opts.timeoutMs ?? 2000,
    })
    req.on("timeout", () => req.destroy(Object.assign(new Error("client timeout"), { code: "CLIENT_TIMEOUT" })))
    req.on("error", reject)
    req.on("response", (res) => {
      let text = ""
      res.setEncoding("utf8")
      res.on("data", (c: string) => (text += c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.end(body)
  })
}

describe("partner receiver", () => {
  let rx: PartnerReceiver

  beforeEach(async () => {
    rx = await startPartnerReceiver()
  })
  afterEach(async () => {
    await rx.close()
  })

  it("records path, method, lower-case headers, raw body and arrival time; answers 200 by default", async () => {
    const before = Date.now()
    const reply = await post(`${rx.url}/ep/a?x=1`, '{"hello":"world"}', {
      headers: { "Webhook-Id": "msg_1", "Webhook-Signature": "v1,abc" },
    })
    expect(reply.status).toBe(200)
    const [d] = rx.deliveries()
    expect(d.path).toBe("/ep/a")
    expect(d.method).toBe("POST")
    expect(d.headers["webhook-signature"]).toBe("v1,abc")
    expect(d.headers["content-type"]).toBe("application/json")
    expect(d.body).toBe('{"hello":"world"}')
    expect(d.id).toBe("msg_1")
    expect(d.receivedAt).toBeGreaterThanOrEqual(before)
    expect(rx.count()).toBe(1)
    expect(rx.count("/ep/a")).toBe(1)
    expect(rx.count("/ep/b")).toBe(0)
  })

  it("answers per path, with `times` falling back to the standing behaviour", async () => {
    rx.respond("/ep/gone", { status: 410, body: "gone" })
    rx.respond("/ep/flaky", { status: 500, headers: { "retry-after": "1" } }, { times: 2 })
    const statuses = async (path: string, n: number) => {
      const out: number[] = []
      for (let i = 0; i < n; i++) out.push((await post(`${rx.url}${path}`, "{}")).status)
      return out
    }
    expect(await statuses("/ep/flaky", 3)).toEqual([500, 500, 200])
    expect(await statuses("/ep/gone", 2)).toEqual([410, 410])
    expect(await statuses("/ep/other", 1)).toEqual([200])
    const gone = await post(`${rx.url}/ep/gone`, "{}")
    expect(gone.body).toBe("gone")
    rx.respond("*", { status: 503 }, { times: 1 })
    expect(await statuses("/ep/other", 2)).toEqual([503, 200])
    expect(await statuses("/ep/gone", 1)).toEqual([410]) // own rule wins over '*'
    rx.resetBehaviours()
    expect(await statuses("/ep/gone", 1)).toEqual([200])
    expect(rx.count("/ep/flaky")).toBe(3)
  })

  it("queues counted behaviours in order", async () => {
    rx.respond("/ep/a", { status: 500 }, { times: 1 })
    rx.respond("/ep/a", { status: 429 }, { times: 2 })
    const got: number[] = []
    for (let i = 0; i < 4; i++) got.push((await post(`${rx.url}/ep/a`, "{}")).status)
    expect(got).toEqual([500, 429, 429, 200])
  })

  it("hangs one path (client times out) while another stays healthy", async () => {
    rx.respond("/ep/b", "hang")
    const started = Date.now()
    await expect(post(`${rx.url}/ep/b`, "{}", { timeoutMs: 150 })).rejects.toMatchObject({ code: "CLIENT_TIMEOUT" })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect((await post(`${rx.url}/ep/a`, "{}")).status).toBe(200)
    expect(rx.count("/ep/b")).toBe(1) // the request arrived; it just never got an answer
  })

  it("resets the connection (client sees ECONNRESET)", async () => {
    rx.respond("/ep/r", "reset", { times: 1 })
    await expect(post(`${rx.url}/ep/r`, "{}")).rejects.toMatchObject({ code: "ECONNRESET" })
    expect((await post(`${rx.url}/ep/r`, "{}")).status).toBe(200)
  })

  it("close() ends hanging requests so nothing keeps the process alive", async () => {
    rx.respond("*", "hang")
    const pending = post(`${rx.url}/x`, "{}", { timeoutMs: 10_000 })
    await rx.waitForCount(1)
    await rx.close()
    await expect(pending).rejects.toBeDefined()
  })

  it("waitForCount resolves when enough deliveries arrived, per path, and times out with a clear message", async () => {
    const waiting = rx.waitForCount(3, { path: "/ep/a", timeoutMs: 2000 })
    await Promise.all([
      post(`${rx.url}/ep/a`, "1"),
      post(`${rx.url}/ep/b`, "2"),
      post(`${rx.url}/ep/a`, "3"),
      post(`${rx.url}/ep/a`, "4"),
    ])
    await expect(waiting).resolves.toBeUndefined()
    await expect(rx.waitForCount(2, { path: "/ep/b", timeoutMs: 50 })).rejects.toThrow(
      "expected 2 deliveries on /ep/b within 50 ms, got 1"
    )
    rx.clear()
    expect(rx.count()).toBe(0)
    expect(rx.deliveries()).toEqual([])
  })

  it("lean mode keeps counts, ids and timestamps under keep-alive load", async () => {
    const lean = await startPartnerReceiver({ recordBodies: false })
    const agent = new Agent({ keepAlive: true, maxSockets: 16 })
    try {
      const n = 2000
      const started = Date.now()
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          post(`${lean.url}/ep/${i % 2 ? "a" : "b"}`, `{"i":${i}}`, { agent, headers: { "webhook-id": `msg_${i}` } })
        )
      )
      const elapsed = Date.now() - started
      expect(lean.count()).toBe(n)
      expect(lean.count("/ep/a")).toBe(n / 2)
      const d = lean.deliveries("/ep/a")[0]
      expect(d.body).toBe("")
      expect(d.id).toMatch(/^msg_\d+$/)
      // Sanity bound, not a benchmark: 2000 keep-alive requests should take well under 5 s.
      expect(elapsed).toBeLessThan(5000)
    } finally {
      agent.destroy()
      await lean.close()
    }
  })
})
