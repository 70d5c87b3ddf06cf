import { createServer } from "node:net"
import Redis from "ioredis"
import type { KeptHub } from "./harness"

/** The ports the kept demo printed: hub, Stripe sandbox, ERP sandbox, partner. */
export function printedPorts(hub: KeptHub): number[] {
  return [hub.hubUrl, hub.stripeUrl, hub.erpUrl, hub.partnerUrl].map((url) => Number(new URL(url).port))
}

/** True when nothing listens on `port` any more. */
export async function canListen(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })
}

/** How many keys match `pattern` in the local Redis. */
export async function redisKeys(pattern: string): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL || "redis://127.0.0.1:6379")
  try {
    return (await redis.keys(pattern)).length
  } finally {
    redis.disconnect()
  }
}

/** POST /auth/<actor>/emailpass with a printed login. */
export async function loginStatus(hubUrl: string, actor: "user" | "customer", email: string, password: string) {
  const res = await fetch(`${hubUrl}/auth/${actor}/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  return { status: res.status, token: res.status === 200 ? ((await res.json()) as { token: string }).token : "" }
}
