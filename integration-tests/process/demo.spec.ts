import { createServer } from "node:net"
import Redis from "ioredis"
import { cleanEnv, runCommand, startCommand } from "./run"

jest.setTimeout(420_000)

/**
 * The main job, as a newcomer runs it: `npm run demo` against the machine's
 * Postgres and Redis. The demo itself fails unless each hop happened exactly
 * once (one Stripe invoice, one ERP sales order, one order.placed webhook).
 */
describe("npm run demo", () => {
  it("drives one order through checkout, Stripe, the ERP, the warehouse and a partner, exactly once each", async () => {
    const { code, output } = await runCommand("npm", ["run", "demo"], cleanEnv(), 400_000)
    if (code !== 0) console.error(output)
    expect(code).toBe(0)
    for (const hop of [
      "[pricing]",
      "[approval]",
      "[order]",
      "[stripe]",
      "[erp]",
      "[erp-pull]",
      "[fulfill]",
      "[ship]",
      "[webhook]",
      "[quote]",
      "[done]",
    ])
      expect(output).toContain(hop)
    // The order waited for the company admin's approval before it was placed and invoiced.
    expect(output).toMatch(/\[approval\]\s+checkout → approval request apreq_\w+: order total .* is above 500\.00 USD/)
    expect(output).toMatch(
      /\[approval\]\s+the cart is locked while it waits \(adding a line → 409 cart_pending_approval\)/
    )
    expect(output).toMatch(/\[approval\]\s+approved → the cart became order order_\w+/)
    // A quote negotiated over two staff versions, accepted into an order invoiced for exactly its total.
    expect(output).toMatch(/\[quote\]\s+version 2 \(.*\): unit 29\.45 USD → 27\.50 USD/)
    expect(output).toMatch(/\[quote\]\s+version 3 \(.*\): discount_minor, shipping; total 320\.00 USD/)
    expect(output).toMatch(
      /\[quote\]\s+version 3 accepted → order #\d+ at 27\.50 a roll, invoice \S+ for [\d.,]+ USD .*= the order/
    )
    expect(output).toMatch(/\[stripe\]\s+invoice \S+ \(in_\w+\) sent: send_invoice, Net 30/)
    expect(output).toMatch(/paid in Stripe → Medusa payment captured/)
    expect(output).toMatch(
      /\[fulfill\]\s+staff created fulfillment ful_\w+ \(provider erp_erp\) → ERP fulfillment request/
    )
    expect(output).toMatch(/\[ship\]\s+POST \/erp\/fulfillments → 201: fulfillment ful_\w+ shipped .*UPS tracking 1Z/)
    expect(output).toMatch(
      /\[webhook\]\s+partner received \d+ events about order #\d+, each verified with the standardwebhooks library/
    )
    for (const type of [
      "approval.approved",
      "order.placed",
      "invoice.issued",
      "invoice.paid",
      "order.fulfillment_created",
      "order.shipped",
    ]) {
      expect(output).toMatch(new RegExp(`${type.replace(".", "\\.")}\\s+webhook-id evt_\\w+ .* signature ok`))
    }
  })

  it("with --keep, leaves the hub and the sandboxes up on the demo's data until Ctrl-C, then frees their ports", async () => {
    // Its own Redis namespace: the demo honours HUB_QUEUE_PREFIX, for Medusa's queues too.
    const demo = startCommand("npm", ["run", "demo", "--", "--keep"], cleanEnv({ HUB_QUEUE_PREFIX: "backy-demo-keep" }))
    try {
      await demo.waitFor(/^\[ready\]\s+Ctrl-C stops/m, 400_000)
      const out = demo.output()
      expect(out).toMatch(/^\[hub\]\s+listening on \S+, Redis namespace backy-demo-keep /m)
      expect(await redisKeys("backy-demo-keep-medusa:events-queue:*")).toBeGreaterThan(0)
      expect(await redisKeys("backy-demo-keep-medusa:medusa-workflows-jobs:*")).toBeGreaterThan(0)
      const printed = (label: string) => out.match(new RegExp(`^\\s+${label}\\s+(http://127\\.0\\.0\\.1:(\\d+))`, "m"))
      const [, hubUrl] = printed("hub")!
      const key = out.match(/publishable key (pk_\w+)/)![1]
      const [, staffEmail, staffPassword] = out.match(/staff login (\S+) \/ (\S+)/)!
      const [, buyerEmail, buyerPassword] = out.match(/buyer login\s+(\S+) \/ (\S+)/)!
      const ports = ["hub", "Stripe sandbox", "ERP sandbox", "partner"].map((label) => Number(printed(label)![2]))

      expect((await fetch(`${hubUrl}/health`)).status).toBe(200)
      const products = await fetch(`${hubUrl}/store/products?fields=id,title`, {
        headers: { "x-publishable-api-key": key },
      })
      expect(products.status).toBe(200)
      expect(((await products.json()) as any).products.length).toBeGreaterThan(0)
      // The printed logins work, and the buyer is still the company's employee.
      const login = async (actor: string, email: string, password: string) =>
        fetch(`${hubUrl}/auth/${actor}/emailpass`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        })
      expect((await login("user", staffEmail, staffPassword)).status).toBe(200)
      const { token } = (await (await login("customer", buyerEmail, buyerPassword)).json()) as any
      const company = await fetch(`${hubUrl}/store/b2b/company`, {
        headers: { "x-publishable-api-key": key, authorization: `Bearer ${token}` },
      })
      expect(((await company.json()) as any).company.name).toBe("Acme Industrial")

      // npm itself dies of the SIGINT; the demo reports its own orderly stop.
      await demo.stop("SIGINT", 60_000)
      expect(demo.output()).toMatch(
        /\[stop\]\s+SIGINT: stopping the hub and the sandboxes\n\[stopped\]\s+the hub and the sandboxes are stopped/
      )
      for (const port of ports) expect(await canListen(port)).toBe(true)
    } finally {
      await demo.stop("SIGINT", 60_000)
    }
  })

  it("says in one line what is missing when Postgres is unreachable", async () => {
    const { code, output } = await runCommand(
      "npm",
      ["run", "demo", "--silent"],
      cleanEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/backy" }),
      60_000
    )
    expect(code).not.toBe(0)
    const lines = output.trim().split("\n")
    expect(lines[lines.length - 1]).toMatch(
      /^demo: PostgreSQL is not reachable at 127\.0\.0\.1:1 .*docker compose up -d/
    )
  })

  it("says in one line what is missing when Redis is unreachable", async () => {
    const { code, output } = await runCommand(
      "npm",
      ["run", "demo", "--silent"],
      cleanEnv({ REDIS_URL: "redis://127.0.0.1:1" }),
      60_000
    )
    expect(code).not.toBe(0)
    expect(output.trim().split("\n").pop()).toMatch(/^demo: Redis is not reachable at 127\.0\.0\.1:1 /)
  })
})

/** True when nothing listens on `port` any more. */
async function canListen(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })
}

/** How many keys match `pattern` in the local Redis. */
async function redisKeys(pattern: string): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL || "redis://127.0.0.1:6379")
  try {
    return (await redis.keys(pattern)).length
  } finally {
    redis.disconnect()
  }
}
