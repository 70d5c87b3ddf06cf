import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Client } from "pg"
import { cleanEnv, runCommand } from "./run"

jest.setTimeout(300_000)

/**
 * A bad release can be undone: `medusa db:rollback <modules…>` reverts the
 * LAST executed migration of each named module (Medusa 2.21 hands MikroORM's
 * migrator no step count, so umzug reverts one), `medusa db:migrate` runs
 * them again. On a database with data, every backy module goes down one
 * release and up again, then down to nothing step by step and up again: the
 * schema ends as it was, Medusa's own tables and rows are untouched.
 */

const ROOT = join(__dirname, "..", "..")
const MODULES = ["b2b", "quote", "invoicing", "outbox", "erp"] as const
type ModuleName = (typeof MODULES)[number]

const ADMIN_URL = process.env.ROLLBACK_SPEC_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const DB = `backy_rollback_${process.pid}`
const DB_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`)

/** What a migration's up() creates or drops, read from its source (the downs must undo exactly that). */
type MigrationFile = {
  name: string
  module: ModuleName
  down: string
  createdTables: string[]
  addedColumns: [string, string][]
  createdIndexes: string[]
  droppedIndexes: string[]
}

function readMigrations(module: ModuleName): MigrationFile[] {
  const dir = join(ROOT, "src/modules", module, "migrations")
  return readdirSync(dir)
    .filter((f) => /^Migration\d+\.ts$/.test(f))
    .sort()
    .map((f) => {
      const source = readFileSync(join(dir, f), "utf8")
      const [up, down] = source.split(/async down\(\)/)
      const addedColumns: [string, string][] = []
      for (const stmt of up.matchAll(/alter table if exists "(\w+)"([^;]*)/gi))
        for (const col of stmt[2].matchAll(/add column if not exists "(\w+)"/gi)) addedColumns.push([stmt[1], col[1]])
      return {
        name: f.replace(/\.ts$/, ""),
        module,
        down,
        createdTables: [...up.matchAll(/create table if not exists "(\w+)"/gi)].map((m) => m[1]),
        addedColumns,
        createdIndexes: [...up.matchAll(/create (?:unique )?index if not exists "(\w+)"/gi)].map((m) => m[1]),
        droppedIndexes: [...up.matchAll(/drop index if exists "(\w+)"/gi)].map((m) => m[1]),
      }
    })
}

const migrations = Object.fromEntries(MODULES.map((m) => [m, readMigrations(m)])) as Record<ModuleName, MigrationFile[]>
const backyTables = MODULES.flatMap((m) => migrations[m].flatMap((f) => f.createdTables))
const backyMigrationNames = MODULES.flatMap((m) => migrations[m].map((f) => f.name))

const env = cleanEnv({
  DATABASE_URL: DB_URL,
  ADMIN_DASHBOARD: "false",
  MEDUSA_REDIS_MODULES: "false",
  HUB_QUEUE_PREFIX: `rollback${process.pid}`,
})

const cliCalls: { args: string; seconds: number }[] = []
async function medusa(...args: string[]): Promise<string> {
  const started = Date.now()
  const { code, output } = await runCommand("npx", ["medusa", ...args], env, 120_000)
  cliCalls.push({ args: args.join(" "), seconds: (Date.now() - started) / 1000 })
  if (code !== 0) throw new Error(`medusa ${args.join(" ")} exited ${code}:\n${output.slice(-6000)}`)
  return output
}

let admin: Client
let db: Client

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[]
}

/** backy's tables as Postgres sees them: columns, indexes, constraints, storage options. */
async function backySchema(): Promise<Record<string, string[]>> {
  const columns = await rows<{ s: string }>(
    `select table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable
        || ' default=' || coalesce(column_default, '') || ' len=' || coalesce(character_maximum_length::text, '') as s
       from information_schema.columns where table_schema = 'public' and table_name = any($1)`,
    [backyTables]
  )
  const indexes = await rows<{ s: string }>(
    `select tablename || ' ' || indexdef as s from pg_indexes where schemaname = 'public' and tablename = any($1)`,
    [backyTables]
  )
  const constraints = await rows<{ s: string }>(
    `select c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) as s
       from pg_constraint k join pg_class c on c.oid = k.conrelid
      where c.relname = any($1) and c.relnamespace = 'public'::regnamespace`,
    [backyTables]
  )
  const options = await rows<{ s: string }>(
    `select relname || ' ' || coalesce(array_to_string(reloptions, ','), '') as s
       from pg_class where relname = any($1) and relnamespace = 'public'::regnamespace`,
    [backyTables]
  )
  const sorted = (r: { s: string }[]) => r.map((x) => x.s).sort()
  return {
    columns: sorted(columns),
    indexes: sorted(indexes),
    constraints: sorted(constraints),
    options: sorted(options),
  }
}

/** Every object in the public schema that is not one of backy's tables or their indexes, types, sequences. */
async function otherObjects(): Promise<string[]> {
  const r = await rows<{ s: string }>(
    `select 'rel ' || c.relkind::text || ' ' || c.relname as s from pg_class c
      where c.relnamespace = 'public'::regnamespace
        and not (c.relname = any($1))
        and not exists (select 1 from pg_index i join pg_class t on t.oid = i.indrelid
                         where i.indexrelid = c.oid and t.relname = any($1))
     union all
     select 'type ' || t.typname from pg_type t
      where t.typnamespace = 'public'::regnamespace and t.typrelid = 0 and t.typelem = 0
     union all
     select 'function ' || p.proname from pg_proc p where p.pronamespace = 'public'::regnamespace
     union all
     select 'trigger ' || g.tgname || ' on ' || c.relname from pg_trigger g join pg_class c on c.oid = g.tgrelid
      where not g.tgisinternal and c.relnamespace = 'public'::regnamespace`,
    [backyTables]
  )
  return r.map((x) => x.s).sort()
}

/** Medusa's own data: a row count per table (backy's tables and the migration bookkeeping left out). */
async function medusaData(): Promise<Record<string, number>> {
  const tables = await rows<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and not (table_name = any($1)) and table_name not in ('mikro_orm_migrations', 'script_migrations')`,
    [backyTables]
  )
  const counts: Record<string, number> = {}
  for (const { table_name } of tables)
    counts[table_name] = Number((await rows<{ n: string }>(`select count(*) as n from "${table_name}"`))[0].n)
  return counts
}

async function executed(): Promise<string[]> {
  return (await rows<{ name: string }>(`select name from mikro_orm_migrations`)).map((r) => r.name)
}

async function tableExists(table: string): Promise<boolean> {
  return (await rows(`select 1 from pg_class where relname = $1 and relkind = 'r'`, [table])).length > 0
}
async function columnExists(table: string, column: string): Promise<boolean> {
  return (
    (await rows(`select 1 from information_schema.columns where table_name = $1 and column_name = $2`, [table, column]))
      .length > 0
  )
}
async function indexExists(index: string): Promise<boolean> {
  return (await rows(`select 1 from pg_indexes where indexname = $1`, [index])).length > 0
}

/** Minimal valid rows in each backy module, one per table a release's rollback keeps or loses. */
const SEED: Record<ModuleName, string[]> = {
  b2b: [
    `insert into company (id, name, billing_email, currency_code) values ('comp_rb', 'Acme Rollback', 'ap@acme.test', 'usd')`,
    `insert into contract (id, currency_code, valid_from, company_id, credit_limit_minor, raw_credit_limit_minor)
       values ('ctr_rb', 'usd', now(), 'comp_rb', 100000, '{"value":"100000","precision":20}')`,
    `insert into contract_price_rule (id, type, sku, unit_price_minor, raw_unit_price_minor, contract_id)
       values ('cpr_rb', 'fixed_price', 'SKU-1', 995, '{"value":"995","precision":20}', 'ctr_rb')`,
    `insert into employee (id, customer_id, role, company_id) values ('emp_rb', 'cus_rb', 'approver', 'comp_rb')`,
  ],
  quote: [
    `insert into quote (id, company_id, customer_id, employee_id, currency_code, region_id)
       values ('quo_rb', 'comp_rb', 'cus_rb', 'emp_rb', 'usd', 'reg_rb')`,
    `insert into quote_version (id, quote_id, number, lines, subtotal_minor, discount_minor, shipping_minor, total_minor,
       payment_terms, author_type, author_id, raw_subtotal_minor, raw_discount_minor, raw_shipping_minor, raw_total_minor)
       values ('qver_rb', 'quo_rb', 1, '[]', 995, 0, 0, 995, 'net_30', 'employee', 'emp_rb',
         '{"value":"995","precision":20}', '{"value":"0","precision":20}', '{"value":"0","precision":20}',
         '{"value":"995","precision":20}')`,
  ],
  invoicing: [
    `insert into invoice (id, order_id, company_id, currency_code, payment_terms, days_until_due, total_minor,
       amount_due_minor, raw_total_minor, raw_amount_due_minor)
       values ('inv_rb', 'order_rb', 'comp_rb', 'usd', 'net_30', 30, 995, 995,
         '{"value":"995","precision":20}', '{"value":"995","precision":20}')`,
  ],
  outbox: [
    `insert into hub_event (id, type, resource_type, resource_id, sequence, dedupe_key, payload, occurred_at)
       values ('evt_rb', 'order.placed', 'order', 'order_rb', 1, 'order.placed:order_rb', '{"id":"order_rb"}', now())`,
    // A webhook delivery whose first attempt lives in the delivery row, an ERP sync that failed once then succeeded.
    `insert into delivery (id, event_id, target_type, target_id, status, attempts, first_attempt_at, first_status_code,
       first_duration_ms, first_response_body, completed_at)
       values ('dlv_rb_hook', 'evt_rb', 'webhook_endpoint', 'we_rb', 'delivered', 1, now(), 200, 12, 'ok', now())`,
    `insert into delivery (id, event_id, target_type, target_id, status, attempts, completed_at)
       values ('dlv_rb_erp', 'evt_rb', 'erp_connection', 'erpc_rb', 'delivered', 2, now())`,
    `insert into delivery_attempt (id, delivery_id, attempt, outcome, status_code, duration_ms, error)
       values ('att_rb_1', 'dlv_rb_erp', 1, 'server_error', 503, 40, 'ERR_ERP_UNAVAILABLE (HTTP 503): down'),
              ('att_rb_2', 'dlv_rb_erp', 2, 'success', 201, 35, null)`,
  ],
  erp: [
    `insert into erp_connection (id, name, kind, settings) values ('erpc_rb', 'NetSuite', 'netsuite', '{}')`,
    `insert into erp_order_link (id, order_id, connection_id, erp_id) values ('eol_rb', 'order_rb', 'erpc_rb', 'SO-1')`,
  ],
}

/** The rows seeded above, as (table, id), per module. */
const SEEDED: Record<ModuleName, [string, string][]> = {
  b2b: [
    ["company", "comp_rb"],
    ["contract", "ctr_rb"],
    ["contract_price_rule", "cpr_rb"],
    ["employee", "emp_rb"],
  ],
  quote: [
    ["quote", "quo_rb"],
    ["quote_version", "qver_rb"],
  ],
  invoicing: [["invoice", "inv_rb"]],
  outbox: [
    ["hub_event", "evt_rb"],
    ["delivery", "dlv_rb_hook"],
    ["delivery", "dlv_rb_erp"],
    ["delivery_attempt", "att_rb_1"],
    ["delivery_attempt", "att_rb_2"],
  ],
  erp: [
    ["erp_connection", "erpc_rb"],
    ["erp_order_link", "eol_rb"],
  ],
}

async function rowExists(table: string, id: string): Promise<boolean> {
  if (!(await tableExists(table))) return false
  return (await rows(`select 1 from "${table}" where id = $1`, [id])).length > 0
}

const started = Date.now()

beforeAll(async () => {
  admin = new Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`drop database if exists "${DB}" with (force)`)
  await admin.query(`create database "${DB}"`)
  await medusa("db:migrate")
  db = new Client({ connectionString: DB_URL })
  await db.connect()
  // A Medusa row next to backy's, to show a backy rollback leaves it alone.
  await db.query(`insert into customer (id, email) values ('cus_rb', 'buyer@acme.test')`)
  for (const module of MODULES) for (const sql of SEED[module]) await db.query(sql)
})

afterAll(async () => {
  await db?.end()
  if (admin) {
    await admin.query(`drop database if exists "${DB}" with (force)`)
    await admin.end()
  }
  console.log(
    `migrations-rollback: ${((Date.now() - started) / 1000).toFixed(1)} s, ${cliCalls.length} medusa calls:\n` +
      cliCalls.map((c) => `  ${c.args}: ${c.seconds.toFixed(1)} s`).join("\n")
  )
})

describe("backy's migrations roll back", () => {
  let fullSchema: Record<string, string[]>
  let fullOthers: string[]
  let medusaBefore: Record<string, number>
  let medusaMigrations: string[]

  it("records each backy migration once, with names no other module uses", async () => {
    expect(new Set(backyMigrationNames).size).toBe(backyMigrationNames.length)
    const names = await executed()
    for (const name of backyMigrationNames) expect(names.filter((n) => n === name)).toHaveLength(1)
    fullSchema = await backySchema()
    fullOthers = await otherObjects()
    medusaBefore = await medusaData()
    medusaMigrations = names.filter((n) => !backyMigrationNames.includes(n)).sort()
    expect(fullSchema.columns.length).toBeGreaterThan(100)
    expect(medusaBefore.customer).toBe(1)
  })

  it("goes down one release and up again, keeping the data the release's down keeps", async () => {
    const latest = MODULES.map((m) => migrations[m][migrations[m].length - 1])
    const employeeRoleBefore = (await rows<{ role: string }>(`select role from employee where id = 'emp_rb'`))[0].role
    expect(employeeRoleBefore).toBe("approver")

    await medusa("db:rollback", ...MODULES)
    const names = await executed()
    for (const m of latest) expect(names).not.toContain(m.name)
    for (const m of MODULES.flatMap((mod) => migrations[mod].slice(0, -1))) expect(names).toContain(m.name)
    await expectReverted(latest)

    await medusa("db:migrate")
    expect(await backySchema()).toEqual(fullSchema)
    expect(await otherObjects()).toEqual(fullOthers)

    for (const module of MODULES) {
      const last = migrations[module][migrations[module].length - 1]
      for (const [table, id] of SEEDED[module]) {
        const kept = await rowExists(table, id)
        // A row is lost only when the release created its table, and that down says so.
        if (!kept) {
          expect(last.createdTables).toContain(table)
          expect(last.down).toMatch(/Rolling back deletes/)
        } else expect(last.createdTables).not.toContain(table)
      }
    }
    // Employee roles, partners' grants etc. sit in older migrations: untouched by this rollback.
    expect((await rows<{ role: string }>(`select role from employee where id = 'emp_rb'`))[0].role).toBe("approver")
    expect(await medusaData()).toEqual(medusaBefore)
  })

  it("goes down to nothing step by step on data, then up again to the same schema", async () => {
    // The rows the release's rollback took (quote, erp) come back, so every down below runs on data.
    for (const module of MODULES) for (const sql of SEED[module]) await db.query(`${sql} on conflict do nothing`)

    const remaining = Object.fromEntries(MODULES.map((m) => [m, [...migrations[m]]])) as Record<
      ModuleName,
      MigrationFile[]
    >
    for (;;) {
      const modules = MODULES.filter((m) => remaining[m].length > 0)
      if (!modules.length) break
      const reverted = modules.map((m) => remaining[m].pop()!)
      await medusa("db:rollback", ...modules)
      const names = await executed()
      for (const m of reverted) expect(names).not.toContain(m.name)
      for (const m of MODULES.flatMap((mod) => remaining[mod])) expect(names).toContain(m.name)
      await expectReverted(reverted)
      // What earlier migrations created is still there.
      for (const m of MODULES.flatMap((mod) => remaining[mod]))
        for (const table of m.createdTables) expect(await tableExists(table)).toBe(true)
    }

    // Nothing of backy's is left: no table, index, sequence, type, function or trigger.
    const names = await executed()
    for (const name of backyMigrationNames) expect(names).not.toContain(name)
    const schemaAtZero = await backySchema()
    expect(schemaAtZero).toEqual({ columns: [], indexes: [], constraints: [], options: [] })
    expect(await otherObjects()).toEqual(fullOthers)
    const leftovers = await rows<{ relname: string }>(
      // (indexes named IDX_company_id_… belong to Medusa's link tables: backySchema() found none on backy's tables)
      `select relname from pg_class where relnamespace = 'public'::regnamespace and relkind <> 'i' and relname ~ $1`,
      [`^(${backyTables.join("|")})(_|$)`]
    )
    expect(leftovers.map((r) => r.relname)).toEqual([])
    // Medusa's tables, rows and migrations are as they were.
    expect(await medusaData()).toEqual(medusaBefore)
    expect((await rows(`select 1 from customer where id = 'cus_rb'`)).length).toBe(1)
    expect(names.filter((n) => !backyMigrationNames.includes(n)).sort()).toEqual(medusaMigrations)

    await medusa("db:migrate")
    expect(await backySchema()).toEqual(fullSchema)
    expect(await otherObjects()).toEqual(fullOthers)
    expect(await medusaData()).toEqual(medusaBefore)
    const again = await executed()
    for (const name of backyMigrationNames) expect(again.filter((n) => n === name)).toHaveLength(1)
  })
})

/** What each reverted migration's up() did is undone. */
async function expectReverted(reverted: MigrationFile[]): Promise<void> {
  for (const m of reverted) {
    for (const table of m.createdTables)
      expect(`${m.name}: ${table} ${await tableExists(table)}`).toBe(`${m.name}: ${table} false`)
    for (const [table, column] of m.addedColumns)
      if (!m.createdTables.includes(table))
        expect(`${m.name}: ${table}.${column} ${await columnExists(table, column)}`).toBe(
          `${m.name}: ${table}.${column} false`
        )
    for (const index of m.createdIndexes)
      expect(`${m.name}: ${index} ${await indexExists(index)}`).toBe(`${m.name}: ${index} false`)
    for (const index of m.droppedIndexes)
      expect(`${m.name}: ${index} ${await indexExists(index)}`).toBe(`${m.name}: ${index} true`)
  }
}
