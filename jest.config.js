const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

// One jest run covers the libraries' unit tests, the sandboxes and the HTTP
// integration specs. `npm test` runs two workers: each HTTP spec has its own
// database (the runner names it by ulid), its own queue prefix (HUB_QUEUE_PREFIX
// carries the pid) and sandboxes on free ports, so specs do not share state.
// Workers are recycled above 1.5 GB (--workerIdleMemoryLimit): every spec boots
// a Medusa app, and one process running them all ran out of heap.
module.exports = {
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          target: "es2022",
          // As tsconfig.json: TypeScript's assignment semantics for class fields.
          transform: { useDefineForClassFields: false },
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
  // Medusa's test runner, with each spec's database cloned from one migrated
  // template instead of migrated from scratch (integration-tests/db/).
  moduleNameMapper: { "^@medusajs/test-utils$": "<rootDir>/integration-tests/db/medusa-test-utils.js" },
  testMatch: [
    "<rootDir>/connectors/test/**/*.spec.ts",
    "<rootDir>/webhooks/test/**/*.spec.ts",
    "<rootDir>/integration-tests/sandboxes/test/**/*.spec.ts",
    "<rootDir>/src/**/__tests__/**/*.spec.ts",
    "<rootDir>/integration-tests/http/**/*.spec.ts",
    "<rootDir>/integration-tests/process/**/*.spec.ts",
    "<rootDir>/integration-tests/browser/**/*.spec.ts",
  ],
  // Unit specs first: they are fast and fail early.
  testSequencer: "<rootDir>/integration-tests/sequencer.js",
  reporters: ["default", "<rootDir>/integration-tests/plain-summary-reporter.js"],
}
