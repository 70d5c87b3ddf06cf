/**
 * Keep-alive agents with a connect timeout. axios' `timeout` bounds the whole exchange; a
 * blackholed host should fail much sooner, and a connect failure is known to be unsent (safe to
 * retry even for a POST), so it gets its own timer and error code.
 *
 * @module
 */
import http from "node:http"
import https from "node:https"
import type { Duplex } from "node:stream"
import { CONNECT_TIMEOUT_CODE } from "./classify"

export interface AgentOptions {
  connectTimeoutMs: number
  /** Sockets kept per host; bounded by the connection's concurrency anyway. */
  maxSockets?: number
}

/** Destroys `socket` with `ERR_ERP_CONNECT_TIMEOUT` unless it connects within `ms`. */
export function armConnectTimer(socket: Duplex | undefined, ms: number): void {
  if (!socket || ms <= 0) return
  const s = socket as Duplex & { connecting?: boolean }
  if (s.connecting === false) return
  const timer = setTimeout(() => {
    const error = Object.assign(new Error(`connect timed out after ${ms} ms`), { code: CONNECT_TIMEOUT_CODE })
    socket.destroy(error)
  }, ms)
  timer.unref?.()
  const clear = (): void => clearTimeout(timer)
  socket.once("connect", clear)
  socket.once("secureConnect", clear)
  socket.once("close", clear)
}

class ConnectTimeoutHttpAgent extends http.Agent {
  constructor(
    private readonly connectTimeoutMs: number,
    options: http.AgentOptions
  ) {
    super(options)
  }

  override createConnection(...args: Parameters<http.Agent["createConnection"]>): Duplex {
    const socket = super.createConnection(...args) as Duplex
    armConnectTimer(socket, this.connectTimeoutMs)
    return socket
  }
}

class ConnectTimeoutHttpsAgent extends https.Agent {
  constructor(
    private readonly connectTimeoutMs: number,
    options: https.AgentOptions
  ) {
    super(options)
  }

  override createConnection(...args: Parameters<http.Agent["createConnection"]>): Duplex {
    const socket = super.createConnection(...args) as Duplex
    armConnectTimer(socket, this.connectTimeoutMs)
    return socket
  }
}

export function createAgents(options: AgentOptions): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  const common = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: "lifo" as const }
  return {
    httpAgent: new ConnectTimeoutHttpAgent(options.connectTimeoutMs, common),
    httpsAgent: new ConnectTimeoutHttpsAgent(options.connectTimeoutMs, common),
  }
}
