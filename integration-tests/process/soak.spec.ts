import { cleanEnv, runCommand } from "./run"
import { FAULT_KINDS } from "../../scripts/soak/faults"

jest.setTimeout(720_000)

/**
 * The soak, short: orders for 25 s while each kind of fault strikes once (the worker killed
 * with SIGKILL, the hub's Redis database flushed, ERP 5xx and 429 bursts, the partner hanging),
 * then the hub drains. Every order must end with exactly one invoice and one ERP record at its
 * latest version, and the partner with every webhook it is owed.
 */
describe("npm run soak", () => {
  it("loses and doubles nothing while the worker, Redis, the ERP and the partner fail", async () => {
    const { code, output } = await runCommand(
      "node",
      ["-r", "ts-node/register/transpile-only", "scripts/soak.ts"],
      cleanEnv({ SOAK_SECONDS: "25" }),
      700_000
    )
    const last = output.trim().split("\n").pop() ?? ""
    if (code !== 0 || !last.startsWith("{")) console.error(output.slice(-6000))
    const result = JSON.parse(last)
    expect(result.orders).toBeGreaterThan(0)
    for (const kind of FAULT_KINDS) expect(result.faults[kind]).toBeGreaterThanOrEqual(1)
    expect(result).toMatchObject({ lost: 0, doubled: 0, drained: true })
    expect(result.p99_order_to_partner_ms).toBeGreaterThan(0)
    expect(code).toBe(0)
  })
})
