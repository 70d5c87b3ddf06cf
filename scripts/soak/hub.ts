/**
 * The hub under soak: a fresh database, the demo's seed, and the hub as two kinds of process,
 * one server (`WORKER_MODE=server`, the store and admin APIs) and one worker
 * (`WORKER_MODE=worker`: subscribers, scheduled jobs, ERP and webhook workers), which the
 * faults kill with SIGKILL and this file starts again.
 */
import { createWriteStream, readFileSync } from "node:fs"
import { join } from "node:path"
import type { ChildProcess } from "node:child_process"
import { Client } from "pg"
import Redis from "ioredis"
import { freePort, run, startHub, stopHub, waitForHealth } from "../demo/processes"

// Plain JS helper shared with the HTTP specs' runner: clones the database
// `medusa db:migrate` built (one template per schema version), ~1 s instead of a migration.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createFromTemplate } = require("../../integration-tests/db/migrated-template") as {
  createFromTemplate(database: string): Promise<void>
}

/** Drops the soak's database (whoever is connected) and clones it from the migrated template. */
export async function freshDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.slice(1))
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`)
  } finally {
    await client.end()
  }
  await createFromTemplate(name)
}

/** Empties the soak's own Redis database (FLUSHDB, never FLUSHALL): nothing of an earlier run's hub is left. */
export async function freshRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 })
  try {
    await redis.flushdb()
  } finally {
    redis.disconnect()
  }
}

/** The demo's seed (the template is migrated already); returns what it wrote. */
export async function seedHub(env: NodeJS.ProcessEnv, seedFile: string): Promise<any> {
  await run("npx", ["medusa", "exec", "./src/scripts/seed-demo.ts"], { ...env, DEMO_SEED_OUT: seedFile })
  return JSON.parse(readFileSync(seedFile, "utf8"))
}

type Role = "server" | "worker"

/** One hub process of a role, with its own port (a worker serves only `/health`) and log file. */
class HubProcess {
  private child?: ChildProcess
  private starts = 0
  readonly port: Promise<number> = freePort()

  constructor(
    readonly role: Role,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string
  ) {}

  get logFile(): string {
    return join(this.logDir, `${this.role}.log`)
  }

  /** Starts the process (appending to its log) and resolves once it answers `/health`. */
  async start(): Promise<void> {
    const port = await this.port
    this.starts += 1
    const log = createWriteStream(this.logFile, { flags: "a" })
    log.write(`\n==== start #${this.starts} ====\n`)
    this.child = startHub(port, { ...this.env, WORKER_MODE: this.role }, log)
    await waitForHealth(`http://127.0.0.1:${port}`, this.child).catch((e) => {
      throw new Error(`the ${this.role} did not come up: ${e.message} (log: ${this.logFile})`)
    })
  }

  /** SIGKILL to the whole process group: no shutdown hook runs, as when a machine dies. */
  kill(): void {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return
    try {
      process.kill(-this.child.pid!, "SIGKILL")
    } catch {
      // already gone
    }
  }

  async stop(): Promise<void> {
    if (this.child) await stopHub(this.child)
  }
}

/** The server and the worker; `restartWorker` is the crash-and-recover fault. */
export class HubProcesses {
  readonly server: HubProcess
  readonly worker: HubProcess
  private restarting?: Promise<void>

  constructor(env: NodeJS.ProcessEnv, logDir: string) {
    this.server = new HubProcess("server", env, logDir)
    this.worker = new HubProcess("worker", env, logDir)
  }

  async serverUrl(): Promise<string> {
    return `http://127.0.0.1:${await this.server.port}`
  }

  async start(): Promise<void> {
    await Promise.all([this.server.start(), this.worker.start()])
  }

  /**
   * Kills the worker with SIGKILL and starts a new one; resolves when the kill happened (a
   * booting Medusa takes 15–30 s here, `workerUp()` waits for it). A kill asked for while the
   * previous replacement is still booting waits for it to be up, so each kill hits a running worker.
   */
  killWorker(): Promise<void> {
    let killed!: () => void
    const done = new Promise<void>((resolve) => (killed = resolve))
    this.restarting = (this.restarting ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        this.worker.kill()
        killed()
        return this.worker.start()
      })
    return done
  }

  /** Resolves once the latest restarted worker is up (rejects if it could not start). */
  async workerUp(): Promise<void> {
    await this.restarting
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.worker.stop(), this.server.stop()])
  }
}
