// Jest maps "@medusajs/test-utils" here (jest.config.js moduleNameMapper):
// Medusa's own runner, unchanged, except that the spec's database starts as a
// clone of the migrated template (./migrated-template.js) instead of empty,
// and the copy each test starts from is made ahead of time (./spare-clones.js).
const path = require("node:path")
const { randomUUID } = require("node:crypto")
const { createFromTemplate } = require("./migrated-template")
const { useSpareClones } = require("./spare-clones")

// BACKY_TEST_TEMPLATE=0: Medusa's runner as shipped (each spec migrates its own database).
const useTemplate = process.env.BACKY_TEST_TEMPLATE !== "0"
// The spec imports this module first; its database is cloned while the rest of
// its imports (most of Medusa) load, rather than after them, in the runner's beforeAll.
const clonedName = `medusa-${randomUUID()}-integration-${process.env.JEST_WORKER_ID ?? "1"}`
const cloned = useTemplate ? createFromTemplate(clonedName) : Promise.resolve()
cloned.catch(() => undefined) // awaited, and a failure thrown, in beforeServerStart

const dist = path.join(__dirname, "../../node_modules/@medusajs/test-utils/dist")
const medusaTestUtils = require(path.join(dist, "index.js"))
// The runner calls this module's migrateDatabase through its exports object at
// call time, so a spec whose database is a clone of the migrated template can
// skip the pass (loading every module's migrator to find nothing to run takes
// most of a spec's database setup). Link sync still runs: it is cheap and
// registers the custom links.
const useDb = require(path.join(dist, "medusa-test-runner-utils/use-db.js"))
const migrateDatabase = useDb.migrateDatabase
let clonedFromTemplate = false
useDb.migrateDatabase = async (appLoader) => {
  if (!clonedFromTemplate) await migrateDatabase(appLoader)
}
if (useTemplate) useSpareClones(require(path.join(dist, "medusa-test-runner-utils/postgres-template.js")))

function medusaIntegrationTestRunner(options) {
  options = withContractChecks(options)
  if (!useTemplate) return medusaTestUtils.medusaIntegrationTestRunner(options)
  const dbName = options.dbName ?? clonedName
  return medusaTestUtils.medusaIntegrationTestRunner({
    ...options,
    dbName,
    hooks: {
      ...options.hooks,
      // Runs before the runner creates (if missing) and migrates the database.
      beforeServerStart: async (container) => {
        await cloned
        if (dbName !== clonedName) {
          // A spec that names its database: the one cloned ahead is not needed.
          await createFromTemplate(dbName)
          await medusaTestUtils.dropDatabase({ databaseName: clonedName })
        }
        clonedFromTemplate = true
        await options.hooks?.beforeServerStart?.(container)
      },
    },
  })
}

/**
 * Every answer the spec receives from backy's routes is held to the OpenAPI
 * document (../helpers/contract); the spec fails after its tests if one differs.
 */
function withContractChecks(options) {
  const contract = require("../helpers/contract")
  afterAll(async () => {
    await contract.settled()
    const violations = contract.contractViolations()
    if (violations.length) throw new Error(contract.describeViolations(violations))
  })
  return {
    ...options,
    testSuite: (suite) => {
      forgetCachedContractsBetweenTests(suite)
      contract.checkFetchAnswers(() => suite.api.defaults?.baseURL && new URL(suite.api.defaults.baseURL).origin)
      return options.testSuite({ ...suite, api: contract.contractCheckedApi(suite.api) })
    },
  }
}

/**
 * The runner puts the database back as it was after beforeAll before each
 * test, behind the hub's back: the contract cache (Redis, memory) would keep
 * contracts the reset removed. It is forgotten too, as after a restore.
 */
function forgetCachedContractsBetweenTests(suite) {
  beforeEach(async () => {
    const b2b = suite.getContainer()?.resolve("b2b", { allowUnregistered: true })
    await b2b?.forgetContractCache?.()
  })
}

module.exports = { ...medusaTestUtils, medusaIntegrationTestRunner }
