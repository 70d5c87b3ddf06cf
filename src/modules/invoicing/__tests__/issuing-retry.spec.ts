import { isDeadIssuingRun, MAX_AUTO_ATTEMPTS } from "../lib/issuing-retry"

const idleBefore = new Date("2026-12-08T10:00:00Z")
const dead = {
  status: "pending",
  progress: "none",
  last_error: null,
  attempts: 1,
  updated_at: new Date("2026-12-08T09:58:00Z"),
}

describe("isDeadIssuingRun", () => {
  it("takes an idle, unsent run with no error as dead, at any step before sending", () => {
    for (const [status, progress] of [
      ["pending", "none"],
      ["draft", "created"],
      ["open", "finalized"],
      ["uncollectible", "finalized"],
    ])
      expect(isDeadIssuingRun({ ...dead, status, progress }, idleBefore)).toBe(true)
    expect(isDeadIssuingRun({ ...dead, attempts: 0, updated_at: "2026-12-08T09:59:59.999Z" }, idleBefore)).toBe(true)
  })

  it("leaves a run that may still be working, a failed run, a finished invoice and one past its attempts", () => {
    expect(isDeadIssuingRun({ ...dead, updated_at: idleBefore }, idleBefore)).toBe(false)
    expect(isDeadIssuingRun({ ...dead, last_error: "Stripe: rate limited" }, idleBefore)).toBe(false)
    expect(isDeadIssuingRun({ ...dead, status: "open", progress: "sent" }, idleBefore)).toBe(false)
    expect(isDeadIssuingRun({ ...dead, status: "paid", progress: "finalized" }, idleBefore)).toBe(false)
    expect(isDeadIssuingRun({ ...dead, status: "void" }, idleBefore)).toBe(false)
    expect(isDeadIssuingRun({ ...dead, attempts: MAX_AUTO_ATTEMPTS }, idleBefore)).toBe(false)
  })
})
