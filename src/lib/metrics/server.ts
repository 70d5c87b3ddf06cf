import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { authorizeScrape, METRICS_CHALLENGE, scrapeMetrics } from "./scrape"

/**
 * A worker process's own metrics listener (WORKER_MODE=worker serves no HTTP
 * through Medusa): `GET /metrics` with the same registry, sources and bearer
 * token as the server's route; anything else is a 404. Started by the outbox
 * module when METRICS_PORT is set, closed on shutdown.
 */
export type MetricsServer = { url: string; close(): Promise<void> }

export async function startMetricsServer(options: {
  port: number
  host: string
  token: string | undefined
}): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n")
      return
    }
    const authorization = authorizeScrape(req.headers.authorization, options.token)
    if (authorization === "not_configured") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n")
      return
    }
    if (authorization === "unauthorized") {
      res
        .writeHead(401, { "content-type": "text/plain; charset=utf-8", "www-authenticate": METRICS_CHALLENGE })
        .end("Unauthorized\n")
      return
    }
    scrapeMetrics().then(
      ({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" })
        res.end(req.method === "HEAD" ? undefined : body)
      },
      () => {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Metrics unavailable\n")
      }
    )
  })
  // A scraper's keep-alive connection must not hold the process open at shutdown.
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, options.host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
