// One migrated database per schema version, cloned by every HTTP spec.
//
// Medusa's test runner migrates a fresh database for each spec file (all of
// Medusa's modules, ours and the links: ~15 s of a spec's boot on this
// machine). The schema only changes when a migration, a link, medusa-config
// or Medusa itself changes, so the first spec that needs it builds a template
// database named by a hash of those inputs (with `medusa db:migrate`, under an
// advisory lock so parallel workers build it once), and every spec starts
// from `CREATE DATABASE … TEMPLATE` (well under a second). The runner's own
// migration pass then finds nothing to do.
const { createHash } = require("node:crypto")
const { execFileSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { Client } = require("pg")

const ROOT = path.join(__dirname, "../..")
const BUILD_LOCK = 7_215_001 // pg_advisory_lock key: one template build at a time

function credentials(database) {
  return {
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database,
  }
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? filesUnder(p) : [p]
  })
}

/** What the schema depends on: our migrations and links, the config, the installed Medusa. */
function schemaInputs() {
  const modules = path.join(ROOT, "src/modules")
  const migrationDirs = filesUnder(modules).filter((f) => f.includes(`${path.sep}migrations${path.sep}`))
  return [
    ...migrationDirs,
    ...filesUnder(path.join(ROOT, "src/links")),
    path.join(ROOT, "medusa-config.ts"),
    path.join(ROOT, "package-lock.json"),
  ].sort()
}

function templateName() {
  const hash = createHash("sha256")
  for (const file of schemaInputs()) hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file))
  return `backy-template-${hash.digest("hex").slice(0, 12)}`
}

const quote = (name) => `"${name.replace(/"/g, '""')}"`

async function databaseExists(client, name) {
  const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
  return rowCount > 0
}

/** Builds the template if it is missing; returns its name. */
async function ensureTemplate() {
  const name = templateName()
  const client = new Client(credentials("postgres"))
  await client.connect()
  try {
    if (await databaseExists(client, name)) return name
    await client.query("select pg_advisory_lock($1)", [BUILD_LOCK])
    try {
      if (await databaseExists(client, name)) return name
      const building = `${name}-building-${process.pid}`
      await client.query(`drop database if exists ${quote(building)}`)
      await client.query(`create database ${quote(building)}`)
      const url = `postgres://${credentials().user}@${credentials().host}:${credentials().port}/${building}`
      execFileSync(
        path.join(ROOT, "node_modules/.bin/medusa"),
        ["db:migrate", "--skip-scripts", "--execute-all-links", "--execute-all-search"],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: url, DB_PASSWORD: process.env.DB_PASSWORD ?? "" },
          stdio: "pipe",
        }
      )
      // Renamed only when complete: a build that died half-way is never cloned.
      await client.query(`alter database ${quote(building)} rename to ${quote(name)}`)
      return name
    } finally {
      await client.query("select pg_advisory_unlock($1)", [BUILD_LOCK])
    }
  } finally {
    await client.end()
  }
}

/** Creates `database` as a copy of the migrated template. */
async function createFromTemplate(database) {
  const template = await ensureTemplate()
  const client = new Client(credentials("postgres"))
  await client.connect()
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`create database ${quote(database)} template ${quote(template)}`)
        return
      } catch (e) {
        // 55006: another session is copying the template at this instant; a moment later it is free.
        if (e.code !== "55006" || attempt >= 20) throw e
        await new Promise((r) => setTimeout(r, 250 * attempt))
      }
    }
  } finally {
    await client.end()
  }
}

module.exports = { createFromTemplate, ensureTemplate, templateName }
