import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Redis from "ioredis"
import { Agent, fetch } from "undici"
import { adminHttp, HubHttp } from "../webhooks/helpers"

jest.setTimeout(180_000)

const PREFIX = `backy-test-${process.pid}-oauth-rate-limit`
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = PREFIX
process.env.REDIS_URL = "redis://127.0.0.1:6379"
// Small budgets keep the spec fast; the defaults are 10 / 30 / 60.
process.env.OAUTH_CLIENT_FAILURE_LIMIT = "3"
process.env.OAUTH_IP_FAILURE_LIMIT = "6"
process.env.OAUTH_IP_REQUESTS_PER_MINUTE = "20"

type Credentials = { client_id: string; client_secret: string }
type Endpoint = "/erp/oauth/token" | "/partners/oauth/token"

// Each test calls from an address of its own in 127/8 (all loopback on Linux),
// so their per-IP counters do not add up.
const agents = new Map<string, Agent>()
const from = (ip: string) => {
  if (!agents.has(ip)) agents.set(ip, new Agent({ localAddress: ip }))
  return agents.get(ip)!
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: HubHttp
    const port = () => new URL(api.defaults.baseURL!).port

    /** POST to a token endpoint from `ip`, JSON client_secret_post. */
    async function token(
      ip: string,
      endpoint: Endpoint,
      credentials: Credentials,
      headers: Record<string, string> = {}
    ) {
      const res = await fetch(`http://127.0.0.1:${port()}${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ grant_type: "client_credentials", ...credentials }),
        dispatcher: from(ip),
      })
      return {
        status: res.status,
        body: (await res.json()) as any,
        retryAfter: res.headers.get("retry-after"),
        cacheControl: res.headers.get("cache-control"),
      }
    }
    const wrong = (c: Credentials): Credentials => ({
      client_id: c.client_id,
      client_secret: `${c.client_secret}-wrong`,
    })

    async function erpClient(name: string): Promise<Credentials> {
      const created = await admin.post("/admin/erp/pull-clients", {
        name,
        scopes: ["orders:read"],
        sales_channel_ids: ["*"],
      })
      expect(created.status).toBe(201)
      return { client_id: created.body.pull_client.client_id, client_secret: created.body.client_secret }
    }
    async function partner(name: string): Promise<Credentials> {
      const created = await admin.post("/admin/webhooks/partners", { name })
      expect(created.status).toBe(201)
      return { client_id: created.body.client_id, client_secret: created.body.client_secret }
    }

    /** 3 wrong secrets, then the right one is refused too: guessing stops at the budget. */
    async function lockOut(ip: string, endpoint: Endpoint, victim: Credentials) {
      for (let i = 0; i < 3; i++) expect((await token(ip, endpoint, wrong(victim))).status).toBe(401)
      const refused = await token(ip, endpoint, victim)
      expect(refused.status).toBe(429)
      expect(refused.body).toEqual({
        error: "rate_limited",
        error_description: expect.stringContaining("failed authentications for this client"),
      })
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(300)
      expect(refused.cacheControl).toBe("no-store")
    }

    beforeAll(async () => {
      admin = await adminHttp(api.defaults.baseURL!, getContainer())
    })
    afterAll(async () => {
      for (const agent of agents.values()) await agent.close()
      const redis = new Redis(process.env.REDIS_URL!)
      const keys = await redis.keys(`${PREFIX}-oauth:*`)
      if (keys.length) await redis.del(...keys)
      redis.disconnect()
    })

    describe.each([
      ["/erp/oauth/token" as const, erpClient, "127.0.0.2", "127.0.0.3"],
      ["/partners/oauth/token" as const, partner, "127.0.0.4", "127.0.0.5"],
    ])("POST %s", (endpoint, create, ip, otherIp) => {
      it("refuses a client_id after 3 wrong secrets, even with the right one, while other clients get tokens", async () => {
        const victim = await create("Victim")
        const bystander = await create("Bystander")
        await lockOut(ip, endpoint, victim)
        // The lock is on the client_id, from any address.
        expect((await token(otherIp, endpoint, victim)).status).toBe(429)
        expect((await token(ip, endpoint, bystander)).status).toBe(200)
        // The address has 3 failures of its 6: three more (any client_id) and it is shut too.
        for (let i = 0; i < 3; i++)
          expect((await token(ip, endpoint, { client_id: `nobody_${i}`, client_secret: "guess" })).status).toBe(401)
        const shut = await token(ip, endpoint, bystander)
        expect(shut).toMatchObject({
          status: 429,
          body: { error: "rate_limited", error_description: expect.stringContaining("from this address") },
        })
        expect(Number(shut.retryAfter)).toBeGreaterThanOrEqual(1)
        expect((await token(otherIp, endpoint, bystander)).status).toBe(200)
      })
    })

    it("never limits a valid client's normal use, but caps all token requests per address", async () => {
      const erp = await erpClient("Steady ERP")
      const acme = await partner("Steady Partner")
      for (let i = 0; i < 8; i++) {
        expect((await token("127.0.0.6", "/erp/oauth/token", erp)).status).toBe(200)
        expect((await token("127.0.0.6", "/partners/oauth/token", acme)).status).toBe(200)
      }
      // Successes never add up to a lock-out: a typo now still leaves room.
      expect((await token("127.0.0.6", "/erp/oauth/token", wrong(erp))).status).toBe(401)
      expect((await token("127.0.0.6", "/erp/oauth/token", erp)).status).toBe(200)
      // 18 requests so far from this address; the cap is 20 a minute, for both endpoints together.
      expect((await token("127.0.0.6", "/partners/oauth/token", acme)).status).toBe(200)
      expect((await token("127.0.0.6", "/erp/oauth/token", erp)).status).toBe(200)
      const capped = await token("127.0.0.6", "/erp/oauth/token", erp)
      expect(capped).toMatchObject({
        status: 429,
        body: { error: "rate_limited", error_description: expect.stringContaining("too many token requests") },
      })
      expect(Number(capped.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(Number(capped.retryAfter)).toBeLessThanOrEqual(60)
      expect((await token("127.0.0.7", "/erp/oauth/token", erp)).status).toBe(200)
    })

    it("ignores X-Forwarded-For when no proxy is trusted (TRUST_PROXY unset): one socket, one per-IP budget", async () => {
      const guess = (i: number) =>
        token(
          "127.0.0.8",
          "/erp/oauth/token",
          { client_id: `spoof_${i}`, client_secret: "guess" },
          {
            "x-forwarded-for": `198.51.100.${i}`,
          }
        )
      for (let i = 1; i <= 6; i++) expect((await guess(i)).status).toBe(401)
      expect(await guess(7)).toMatchObject({
        status: 429,
        body: { error: "rate_limited", error_description: expect.stringContaining("from this address") },
      })
      const redis = new Redis(process.env.REDIS_URL!)
      try {
        expect(await redis.get(`${PREFIX}-oauth:fail:ip:127.0.0.8`)).toBe("6")
        expect(await redis.keys(`${PREFIX}-oauth:*198.51.100.*`)).toEqual([])
      } finally {
        redis.disconnect()
      }
    })

    it("keeps its counters under this app's HUB_QUEUE_PREFIX, without client_ids or secrets in the keys", async () => {
      const redis = new Redis(process.env.REDIS_URL!)
      try {
        const keys = await redis.keys(`${PREFIX}-oauth:*`)
        expect(keys).toEqual(
          expect.arrayContaining([`${PREFIX}-oauth:req:ip:127.0.0.6`, `${PREFIX}-oauth:fail:ip:127.0.0.2`])
        )
        for (const key of keys) {
          expect(key).not.toMatch(/erp_|ptn_|nobody|_sk_/)
          expect(await redis.pttl(key)).toBeGreaterThan(0)
        }
      } finally {
        redis.disconnect()
      }
    })
  },
})
