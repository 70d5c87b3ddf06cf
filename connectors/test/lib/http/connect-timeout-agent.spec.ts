import { PassThrough } from "node:stream"
import { CONNECT_TIMEOUT_CODE } from "../../../lib/http/classify"
import { armConnectTimer, createAgents } from "../../../lib/http/connect-timeout-agent"

function connectingSocket(): PassThrough & { connecting: boolean } {
  return Object.assign(new PassThrough(), { connecting: true })
}

describe("connect timeout", () => {
  it("destroys a socket that has not connected in time with ERR_ERP_CONNECT_TIMEOUT", async () => {
    const socket = connectingSocket()
    const closed = new Promise<Error | undefined>((resolve) => socket.once("error", resolve))
    armConnectTimer(socket, 20)
    const error = await closed
    expect(socket.destroyed).toBe(true)
    expect(error).toMatchObject({ code: CONNECT_TIMEOUT_CODE })
  })

  it("leaves a socket alone once it connects", async () => {
    const socket = connectingSocket()
    armConnectTimer(socket, 20)
    socket.emit("connect")
    await new Promise((r) => setTimeout(r, 40))
    expect(socket.destroyed).toBe(false)
  })

  it("builds keep-alive agents", () => {
    const { httpAgent, httpsAgent } = createAgents({ connectTimeoutMs: 1000, maxSockets: 7 })
    expect((httpAgent as unknown as { keepAlive: boolean }).keepAlive).toBe(true)
    expect(httpsAgent.maxSockets).toBe(7)
    httpAgent.destroy()
    httpsAgent.destroy()
  })
})
