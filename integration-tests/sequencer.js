const Sequencer = require("@jest/test-sequencer").default

// The slowest specs, longest first (seconds on two cores, fresh-clone check of 2026-12-08).
// CI runs on a clean clone, where Jest has no timings of its own: without these the
// whole-process specs sort by file size and the 140 s soak starts last, leaving one
// worker alone for minutes at the end.
const SLOWEST = [
  "/integration-tests/browser/dashboard.spec.ts", // 220
  "/integration-tests/process/soak.spec.ts", // 140
  "/integration-tests/process/migrations-rollback.spec.ts", // 112
  "/integration-tests/http/invoicing/invoice-lifecycle.spec.ts", // 106
  "/integration-tests/http/erp/erp-sync.spec.ts", // 102
  "/integration-tests/process/demo.spec.ts", // 57
]

// Library and sandbox specs (seconds) run first: they fail early. Then the
// slowest specs, longest first, then the rest (each HTTP spec boots Medusa),
// so the two workers finish close together. Within a group Jest's own order
// applies (last failures first, then the slowest by its cache).
class UnitFirstSequencer extends Sequencer {
  sort(tests) {
    const slowRank = (t) => SLOWEST.findIndex((suffix) => t.path.endsWith(suffix))
    const weight = (t) =>
      slowRank(t) >= 0
        ? 1
        : t.path.includes("/integration-tests/process/") ||
            t.path.includes("/integration-tests/browser/") ||
            t.path.includes("/integration-tests/http/")
          ? 2
          : 0
    const jestOrder = super.sort([...tests])
    const rank = new Map(jestOrder.map((t, i) => [t, i]))
    return [...tests].sort(
      (a, b) => weight(a) - weight(b) || (weight(a) === 1 ? slowRank(a) - slowRank(b) : 0) || rank.get(a) - rank.get(b)
    )
  }
}
module.exports = UnitFirstSequencer
