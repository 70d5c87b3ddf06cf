import Redis from "ioredis"
import { ConnectionSlots } from "../connection-slots"

// Two ConnectionSlots on one Redis stand for two worker processes.
describe("ConnectionSlots", () => {
  const url = `${process.env.REDIS_URL ?? "redis://127.0.0.1:6379"}`
  const prefix = `backy-test-slots-${process.pid}-${Date.now()}`
  let a: Redis
  let b: Redis

  beforeAll(() => {
    a = new Redis(url)
    b = new Redis(url)
  })
  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`)
    if (keys.length) await a.del(...keys)
    a.disconnect()
    b.disconnect()
  })

  it("never lets two processes together run more than the connection's limit", async () => {
    const processes = [new ConnectionSlots(a, prefix), new ConnectionSlots(b, prefix)]
    let running = 0
    let peak = 0
    const task = async () => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, 15))
      running--
    }
    await Promise.all(processes.flatMap((slots) => Array.from({ length: 12 }, () => slots.run("erpc_1", 3, task))))
    expect(peak).toBe(3)
    expect(await a.zcard(`${prefix}:slots:erpc_1`)).toBe(0)
  })

  it("frees the slots of a holder that died once their lease ends", async () => {
    const slots = new ConnectionSlots(a, `${prefix}-ttl`, 200)
    // A process that took both slots and died: its entries simply expire.
    await a.zadd(`${prefix}-ttl:slots:erpc_2`, Date.now() + 200, "dead-1", Date.now() + 200, "dead-2")
    const started = Date.now()
    await slots.run("erpc_2", 2, async () => undefined)
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
  })

  it("keeps connections apart", async () => {
    const slots = new ConnectionSlots(a, `${prefix}-apart`)
    let running = 0
    let peak = 0
    const task = async () => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, 10))
      running--
    }
    await Promise.all([
      ...Array.from({ length: 4 }, () => slots.run("erpc_a", 1, task)),
      ...Array.from({ length: 4 }, () => slots.run("erpc_b", 1, task)),
    ])
    expect(peak).toBe(2)
  })
})
