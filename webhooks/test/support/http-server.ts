/**
 * A tiny loopback HTTP receiver for tests. Each request is recorded (headers
 * and raw body) before the handler decides how to answer; `close()` destroys
 * every socket, including ones a handler left hanging.
 */
import { createServer } from "node:http"
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"

export interface ReceivedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export type Handler = (req: ReceivedRequest, res: ServerResponse, raw: IncomingMessage) => void

export interface TestServer {
  url: string
  port: number
  requests: ReceivedRequest[]
  setHandler(handler: Handler): void
  close(): Promise<void>
}

export const ok: Handler = (_req, res) => res.end("ok")

export async function startServer(handler: Handler = ok): Promise<TestServer> {
  let current = handler
  const requests: ReceivedRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((raw, res) => {
    const chunks: Buffer[] = []
    raw.on("data", (c: Buffer) => chunks.push(c))
    raw.on("end", () => {
      const req: ReceivedRequest = {
        method: raw.method ?? "",
        path: raw.url ?? "",
        headers: raw.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      }
      requests.push(req)
      current(req, res, raw)
    })
  })
  server.keepAliveTimeout = 60_000
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setHandler: (next) => {
      current = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Resolves once `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
