import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { listen, trackSockets } from "../lib/listen"
import { Behaviours, type PartnerBehaviour, type Prepared } from "./behaviours"
import { Recorder, type PartnerDelivery } from "./recorder"

export type { PartnerBehaviour } from "./behaviours"
export type { PartnerDelivery } from "./recorder"

export interface PartnerReceiverOptions {
  /** Port on 127.0.0.1; default: any free port. */
  port?: number
  /** false = lean mode for benchmarks: keep path/method/time/id only, skip body buffering. Default true. */
  recordBodies?: boolean
  /** Header whose value is kept as `id` (default "webhook-id", the Standard Webhooks id). */
  idHeader?: string
}

export interface PartnerReceiver {
  url: string
  port: number
  /** Recorded requests, oldest first (optionally only one path). */
  deliveries(path?: string): PartnerDelivery[]
  count(path?: string): number
  /** How to answer `path` (exact, no query) or '*' (any path without its own rule); default 200. */
  respond(pathOrAll: string, behaviour: PartnerBehaviour, opts?: { times?: number }): void
  /** Back to "200 for everything". */
  resetBehaviours(): void
  /** Resolves once `count(path) >= n`; rejects after timeoutMs (default 5000). */
  waitForCount(n: number, opts?: { path?: string; timeoutMs?: number }): Promise<void>
  /** Forgets recorded deliveries and counts (behaviours stay). */
  clear(): void
  /** Stops listening and destroys every socket, hanging ones included. */
  close(): Promise<void>
}

/** A local webhook consumer for tests and benchmarks: records what arrives, answers as told. */
export async function startPartnerReceiver(opts: PartnerReceiverOptions = {}): Promise<PartnerReceiver> {
  const recordBodies = opts.recordBodies ?? true
  const idHeader = (opts.idHeader ?? "webhook-id").toLowerCase()
  const behaviours = new Behaviours()
  const recorder = new Recorder()
  const server = createServer({ noDelay: true })
  // Benchmarks use keep-alive clients; a long idle timeout avoids reset races on reused sockets.
  server.keepAliveTimeout = 60_000
  const closeServer = trackSockets(server)

  const answer = (req: IncomingMessage, res: ServerResponse, behaviour: Prepared): void => {
    if (behaviour.kind === "reply") {
      res.writeHead(behaviour.status, behaviour.headers)
      res.end(behaviour.body)
    } else if (behaviour.kind === "reset") {
      req.socket.resetAndDestroy()
    }
    // "hang": never answer; close() destroys the socket.
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const rawUrl = req.url ?? "/"
    const q = rawUrl.indexOf("?")
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q)
    const method = req.method ?? "GET"
    const idValue = req.headers[idHeader]
    const id = Array.isArray(idValue) ? idValue[0] : idValue
    if (!recordBodies) {
      req.resume()
      req.on("end", () => {
        const behaviour = behaviours.take(path)
        recorder.add({ path, method, headers: {}, body: "", receivedAt: Date.now(), id, answer: answerOf(behaviour) })
        answer(req, res, behaviour)
      })
      return
    }
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const body = chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8")
      const behaviour = behaviours.take(path)
      recorder.add({
        path,
        method,
        headers: req.headers,
        body,
        receivedAt: Date.now(),
        id,
        answer: answerOf(behaviour),
      })
      answer(req, res, behaviour)
    })
  })

  const port = await listen(server, opts.port)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deliveries: (path) => recorder.deliveries(path),
    count: (path) => recorder.count(path),
    respond: (pathOrAll, behaviour, respondOpts) => behaviours.set(pathOrAll, behaviour, respondOpts?.times),
    resetBehaviours: () => behaviours.reset(),
    waitForCount: (n, waitOpts) => recorder.waitFor(n, waitOpts?.path, waitOpts?.timeoutMs ?? 5000),
    clear: () => recorder.clear(),
    close: () => {
      recorder.cancelWaiters()
      return closeServer()
    },
  }
}

/** What a delivery's sender got back: the status, or that it never got an answer. */
function answerOf(behaviour: Prepared): PartnerDelivery["answer"] {
  return behaviour.kind === "reply" ? behaviour.status : behaviour.kind
}
