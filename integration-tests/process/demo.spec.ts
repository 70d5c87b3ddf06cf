import { cleanEnv, runCommand } from "./run"

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

  // `npm run demo -- --keep` (the hub left running, its logins, Ctrl-C) is
  // proven by integration-tests/browser/dashboard.spec.ts, which drives the
  // dashboard on that very hub.

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
