import { DEFAULT_DISABLE_AFTER_MS, ENDPOINT_DISABLED_EVENT, planEndpointHealth } from "../index"
import type { HealthSignal } from "../index"

const DAY = 24 * 60 * 60 * 1000
const now = new Date("2026-05-10T00:00:00Z")
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY)
const sig = (kind: HealthSignal["kind"], failingSince: Date | null = null, endpointId = "ep"): HealthSignal => ({
  endpointId,
  deliveryId: `d_${kind}`,
  kind,
  failingSince,
})

describe("planEndpointHealth", () => {
  it("defaults to a five-day window", () => {
    expect(DEFAULT_DISABLE_AFTER_MS).toBe(5 * DAY)
  })

  it("starts a failure streak on the first failure", () => {
    expect(planEndpointHealth([sig("failure")], { now })).toEqual([
      { endpointId: "ep", kind: "failing", at: now, restart: false },
    ])
  })

  it("keeps failing (without disabling) inside the window", () => {
    expect(planEndpointHealth([sig("failure", daysAgo(4.9))], { now })).toEqual([
      { endpointId: "ep", kind: "failing", at: now, restart: false },
    ])
  })

  it("disables an endpoint that has only failed for five days", () => {
    const [update] = planEndpointHealth([sig("failure", daysAgo(5))], { now })
    expect(update).toEqual({
      endpointId: "ep",
      kind: "disable",
      at: now,
      event: {
        name: ENDPOINT_DISABLED_EVENT,
        endpointId: "ep",
        reason: "failing",
        disabledAt: now,
        failingSince: daysAgo(5),
        deliveryId: "d_failure",
      },
    })
  })

  it("honours a configured window", () => {
    const [update] = planEndpointHealth([sig("failure", daysAgo(1.5))], { now, disableAfterMs: DAY })
    expect(update.kind).toBe("disable")
  })

  it("restarts a stale streak instead of disabling on the spot", () => {
    expect(planEndpointHealth([sig("failure", daysAgo(11))], { now })).toEqual([
      { endpointId: "ep", kind: "failing", at: now, restart: true },
    ])
  })

  it("lets a success in the batch end the streak", () => {
    expect(planEndpointHealth([sig("failure", daysAgo(6)), sig("success", daysAgo(6))], { now })).toEqual([
      { endpointId: "ep", kind: "recovered", at: now },
    ])
  })

  it("disables at once on 410 Gone, whatever else happened", () => {
    const [update] = planEndpointHealth([sig("success"), sig("gone")], { now })
    expect(update).toMatchObject({ kind: "disable", event: { reason: "gone", deliveryId: "d_gone" } })
  })

  it("plans one update per endpoint", () => {
    const updates = planEndpointHealth(
      [sig("failure", null, "a"), sig("failure", null, "a"), sig("success", null, "b")],
      {
        now,
      }
    )
    expect(updates.map((u) => [u.endpointId, u.kind])).toEqual([
      ["a", "failing"],
      ["b", "recovered"],
    ])
  })
})
