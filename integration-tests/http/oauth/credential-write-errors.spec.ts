import { inspect } from "node:util"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { adminHttp, Answer, HubHttp } from "../webhooks/helpers"
import { writeSecretRow } from "../../../src/lib/errors/secret-row-write"

jest.setTimeout(180_000)

process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-credential-write-errors`

/** Every hash of a client secret starts so (src/lib/crypto/client-secret.ts). */
const SECRET_HASH = "scrypt$"
/** What knex writes into a failed query's message (the statement, values inlined) and Postgres into its detail (the row). */
const STATEMENT_OR_ROW = /insert into|update "|values \('|\$1\b|Failing row/i
const LEVELS = ["error", "warn", "info", "debug", "log", "http", "verbose", "silly"]

/**
 * Everything handed to the app's logger — and to console.error, where
 * Medusa's logger prints whole error objects in development — while `run`
 * runs, as text. Error objects are inspected deeply, so a value in any of
 * their fields (`detail`, `cause`, …) shows up too.
 */
async function loggedDuring(logger: object, run: () => Promise<void>): Promise<string> {
  const lines: string[] = []
  const record = (...args: unknown[]) =>
    void lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 8 }))).join(" "))
  const spies = [
    ...LEVELS.filter((level) => typeof (logger as any)[level] === "function").map((level) =>
      jest.spyOn(logger as any, level).mockImplementation(record)
    ),
    jest.spyOn(console, "error").mockImplementation(record),
  ]
  try {
    await run()
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
  return lines.join("\n")
}

const TABLES = [
  [
    "POST /admin/erp/pull-clients",
    "/admin/erp/pull-clients",
    "erp_pull_client",
    { scopes: ["orders:read"], sales_channel_ids: ["*"] },
  ],
  ["POST /admin/webhooks/partners", "/admin/webhooks/partners", "partner", {}],
] as const

/**
 * A failed write of a row holding a client secret's hash (an ERP pull client,
 * a partner) answers with Postgres's objection and logs neither the statement
 * nor its values nor the row: knex writes the bound values — the hash among
 * them — into the driver error's message, Postgres writes the failing row into
 * its detail, and Medusa's error handler logs the error it gets. The inserts
 * fail after the secret was hashed: on a NUL character (which the validators
 * let through and Postgres refuses), and on constraints this spec adds to the
 * two tables (a check on the name, a unique name) to stand in for any
 * refusal of the row.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: HubHttp
    const logger = () => getContainer().resolve(ContainerRegistrationKeys.LOGGER) as object

    beforeAll(async () => {
      admin = await adminHttp(api.defaults.baseURL!, getContainer())
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      for (const [, , table] of TABLES) {
        await pg.raw(`alter table ${table} add constraint ${table}_test_refused_name check (name <> 'Refused Ltd')`)
        await pg.raw(`create unique index ${table}_test_unique_name on ${table} (name) where deleted_at is null`)
      }
    })

    async function postLogged(path: string, body: object): Promise<{ answer: Answer; logged: string }> {
      let answer: Answer | undefined
      const logged = await loggedDuring(logger(), async () => {
        answer = await admin.post(path, body)
      })
      return { answer: answer!, logged }
    }

    it("writeSecretRow turns a raw knex write's refusal into a MedusaError with nothing of the row: a duplicate key is a 400 naming its columns", async () => {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const row = {
        id: "ptn_raw_1",
        name: "Raw Ltd",
        client_id: "ptn_raw_client",
        client_secret_hash: "scrypt$salt$hash",
      }
      const insert = (values: typeof row) => writeSecretRow("partner", () => pg("partner").insert(values))
      await insert(row)
      const outcomes = await Promise.all([
        insert({ ...row, client_id: "ptn_raw_client_2" }).catch((e) => e),
        insert({ ...row, id: "ptn_raw_2", name: "Refused Ltd", client_id: "ptn_raw_client_3" }).catch((e) => e),
      ])
      expect(outcomes.map((e) => [MedusaError.isMedusaError(e), e.type, e.message])).toEqual([
        [true, "invalid_data", "Could not store the partner: another partner has the same id"],
        [
          true,
          "invalid_data",
          `Could not store the partner: new row for relation "partner" violates check constraint "partner_test_refused_name" (SQLSTATE 23514)`,
        ],
      ])
      for (const error of outcomes) {
        expect(inspect(error, { depth: 8 })).not.toContain(SECRET_HASH)
        expect(error.cause).toBeUndefined()
      }
    })

    describe.each(TABLES)("%s", (_route, path, table, body) => {
      const what = table === "partner" ? "partner" : "ERP pull client"

      it.each([
        [
          "a NUL character (refused before any write: Postgres would refuse it at the protocol level)",
          400,
          "Acme\u0000ERP",
          "name: must not contain a NUL byte",
        ],
        [
          "a check constraint (the failing row goes into the detail)",
          400,
          "Refused Ltd",
          `Could not store the ${what}: new row for relation "${table}" violates check constraint "${table}_test_refused_name" (SQLSTATE 23514)`,
        ],
      ])(
        "an insert refused for %s answers %i saying why; no statement, value or hash is logged",
        async (_case, status, name, message) => {
          const { answer, logged } = await postLogged(path, { ...body, name })
          expect([answer.status, answer.body.message]).toEqual([status, message])
          expect(logged).toContain(message)
          expect(logged).not.toContain(SECRET_HASH)
          expect(logged).not.toMatch(STATEMENT_OR_ROW)
        }
      )

      it("a duplicate name (unique here) is a 400 naming the column; the hash is logged nowhere", async () => {
        expect((await admin.post(path, { ...body, name: "Twice Ltd" })).status).toBe(201)
        const { answer, logged } = await postLogged(path, { ...body, name: "Twice Ltd" })
        expect(answer.status).toBe(400)
        expect(answer.body.message).toMatch(/name.*already exists|same name/)
        expect(logged).not.toContain(SECRET_HASH)
        expect(logged).not.toMatch(STATEMENT_OR_ROW)
      })

      it("creates the client when the row is fine, and never returns its hash", async () => {
        const created = await admin.post(path, { ...body, name: "Fine Ltd" })
        expect(created.status).toBe(201)
        expect(JSON.stringify(created.body)).not.toContain(SECRET_HASH)
      })
    })
  },
})
