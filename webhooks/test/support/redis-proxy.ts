/**
 * A TCP proxy in front of the test Redis, for tests only: `cut()` drops every
 * connection and refuses new ones (Redis "down" for whoever connects through
 * it), `restore()` listens again on the same port.
 */
import { createServer, connect } from "node:net"
import type { AddressInfo, Server, Socket } from "node:net"

export interface RedisProxy {
  port: number
  cut(): Promise<void>
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startRedisProxy(target = { host: "127.0.0.1", port: 6379 }): Promise<RedisProxy> {
  const sockets = new Set<Socket>()
  const pipe = (client: Socket) => {
    const upstream = connect(target.port, target.host)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on("error", drop)
      socket.on("close", drop)
    }
    client.pipe(upstream).pipe(client)
  }
  const listen = (server: Server, port = 0) =>
    new Promise<number>((resolve) =>
      server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))
    )
  let server = createServer(pipe)
  const port = await listen(server)
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const socket of [...sockets]) socket.destroy()
    sockets.clear()
    await closed
  }
  return {
    port,
    cut: stop,
    async restore() {
      server = createServer(pipe)
      await listen(server, port)
    },
    close: async () => {
      if (server.listening) await stop()
    },
  }
}
