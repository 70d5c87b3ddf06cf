const Sequencer = require("@jest/test-sequencer").default

// Library and sandbox specs (seconds) run before the HTTP specs (each boots
// Medusa), and the whole-process specs (demo, start) run last. Within each
// group Jest's own order applies (last failures first, then the slowest by its
// cache), so the two workers finish close together.
class UnitFirstSequencer extends Sequencer {
  sort(tests) {
    const weight = (t) =>
      t.path.includes("/integration-tests/process/") || t.path.includes("/integration-tests/browser/")
        ? 2
        : t.path.includes("/integration-tests/http/")
          ? 1
          : 0
    const jestOrder = super.sort([...tests])
    const rank = new Map(jestOrder.map((t, i) => [t, i]))
    return [...tests].sort((a, b) => weight(a) - weight(b) || rank.get(a) - rank.get(b))
  }
}
module.exports = UnitFirstSequencer
