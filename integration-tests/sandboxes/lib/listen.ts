import type { Server } from "node:http"
import type { AddressInfo, Socket } from "node:net"

/** Starts `server` on 127.0.0.1 (port 0 = any free port) and resolves with the bound port. */
export function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err)
    server.once("error", onError)
    server.listen(port, "127.0.0.1", () => {
      server.off("error", onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/**
 * Remembers every socket the server accepts and returns a closer that stops
 * listening and destroys them all — including keep-alive and deliberately
 * held ("hang"/"timeout") connections, so jest can exit cleanly.
 * Call it before `listen`.
 */
export function trackSockets(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>()
  server.on("connection", (socket: Socket) => {
    sockets.add(socket)
    socket.once("close", () => sockets.delete(socket))
  })
  let closing: Promise<void> | undefined
  return () => {
    closing ??= new Promise<void>((resolve) => {
      if (!server.listening) return resolve()
      server.close(() => resolve())
      for (const socket of sockets) socket.destroy()
      sockets.clear()
    })
    return closing
  }
}
