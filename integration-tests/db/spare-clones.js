// Medusa's runner gives every test a fresh copy of the database as it stood
// after the spec's beforeAll: before each test it drops the database and
// creates it again from a snapshot (CREATE DATABASE ... TEMPLATE). Here the
// copy takes about a second, nearly all of it creating and syncing the files
// of ~870 tables and indexes, and the drop another 0.4 s (a checkpoint); the
// test waits for both.
//
// This makes the copy while the previous test runs: as soon as a snapshot
// exists (or a spare has been used), a spare clone of it is created in the
// background. The restore renames the used database out of the way and the
// spare into its place, which takes milliseconds, and the used one is dropped
// in the background. Each test still starts on its own copy of the same
// snapshot: the spare is made only from the snapshot, which nothing connects
// to, so it is the snapshot's exact copy.
const { randomUUID } = require("node:crypto")
const { Client } = require("pg")

const quote = (name) => `"${name.replace(/"/g, '""')}"`
const literal = (text) => `'${text.replace(/'/g, "''")}'`

function client() {
  return new Client({
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database: process.env.DB_WAITINGROOM_DATABASE ?? "postgres",
  })
}

/** Runs `statements` in turn on one connection (CREATE, ALTER and DROP DATABASE cannot share a transaction). */
async function run(...statements) {
  const c = client()
  await c.connect()
  try {
    for (const sql of statements) await c.query(sql)
  } finally {
    await c.end()
  }
}

/** snapshot name → the spare clone being made of it: its name, or null if making it failed. */
const spares = new Map()

/** Drops of used databases still running: the spec's cleanup waits for them. */
const drops = new Set()

/** Makes the next spare of `templateName`, then drops `discarded` (a used database) if given. */
function prepareSpare(templateName, discarded) {
  const name = `spare-${randomUUID()}`
  const made = run(`create database ${quote(name)} template ${quote(templateName)}`).then(
    () => name,
    () => null // the restore falls back to Medusa's own copy
  )
  spares.set(templateName, made)
  if (discarded) {
    const drop = made.then(() => run(`drop database if exists ${quote(discarded)}`)).catch(() => undefined)
    drops.add(drop)
    drop.finally(() => drops.delete(drop))
  }
}

/**
 * Renames `from` as soon as its ended sessions have exited (a few milliseconds;
 * pg_terminate_backend's own wait polls in steps of 100 ms).
 */
async function renameOnceFree(from, to) {
  const c = client()
  await c.connect()
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await c.query(`alter database ${quote(from)} rename to ${quote(to)}`)
      } catch (e) {
        // 55006: "database is being accessed by other users"
        if (e.code !== "55006" || attempt >= 500) throw e
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
  } finally {
    await c.end()
  }
}

/** Takes the spare of `templateName`, if one is ready or being made; null otherwise. */
async function takeSpare(templateName) {
  const made = spares.get(templateName)
  spares.delete(templateName)
  return made ? await made : null
}

async function dropSpare(templateName) {
  const name = await takeSpare(templateName)
  if (name) await run(`drop database if exists ${quote(name)}`)
}

/**
 * Wraps Medusa's snapshot, restore and template drop (postgres-template.js,
 * which the runner calls through its exports object at call time).
 */
function useSpareClones(postgresTemplate) {
  const { createPostgresDatabaseTemplate, restorePostgresDatabaseFromTemplate, dropPostgresDatabaseTemplate } =
    postgresTemplate

  postgresTemplate.createPostgresDatabaseTemplate = async (options) => {
    await dropSpare(options.templateName) // a new snapshot: an older spare is stale
    await createPostgresDatabaseTemplate(options)
    prepareSpare(options.templateName)
  }

  postgresTemplate.restorePostgresDatabaseFromTemplate = async (options) => {
    const spare = await takeSpare(options.templateName)
    if (!spare) {
      await restorePostgresDatabaseFromTemplate(options)
      prepareSpare(options.templateName)
      return
    }
    // Renaming needs the database free of sessions: new ones are refused, the app's are ended,
    // and its pool connects again, to the spare now under that name.
    const used = `used-${randomUUID()}`
    await run(
      `alter database ${quote(options.databaseName)} with allow_connections false`,
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = ${literal(options.databaseName)}`
    )
    await renameOnceFree(options.databaseName, used)
    await run(`alter database ${quote(spare)} rename to ${quote(options.databaseName)}`)
    prepareSpare(options.templateName, used)
  }

  postgresTemplate.dropPostgresDatabaseTemplate = async (templateName) => {
    await Promise.all(drops)
    await dropSpare(templateName)
    await dropPostgresDatabaseTemplate(templateName)
  }
}

module.exports = { useSpareClones }
