const Sequencer = require("@jest/test-sequencer").default

// Library and sandbox specs (seconds) run before the HTTP specs (each boots
// Medusa), and the whole-process specs (demo, start) run last.
class UnitFirstSequencer extends Sequencer {
  sort(tests) {
    const weight = (t) =>
      t.path.includes("/integration-tests/process/") ? 2 : t.path.includes("/integration-tests/http/") ? 1 : 0
    return [...tests].sort((a, b) => weight(a) - weight(b) || a.path.localeCompare(b.path))
  }
}
module.exports = UnitFirstSequencer
