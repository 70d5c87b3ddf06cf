/**
 * The benchmark's processes and probes: the receiver (one listener per
 * endpoint, in a child process), worker processes that print `{"ready":true}`,
 * CPU accounting from /proc, and polling.
 */
import { execSync, fork, spawn, type ChildProcess } from "node:child_process"
import { readFileSync } from "node:fs"
import path from "node:path"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

const ROOT = path.resolve(__dirname, "../..")

export const log = (line: string) => process.stdout.write(line + "\n")
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const round = (n: number, digits = 0) => Number(n.toFixed(digits))

// ── processes ──────────────────────────────────────────────────────────────

export class ReceiverProcess {
  private waiting: ((message: any) => void)[] = []
  private constructor(
    readonly child: ChildProcess,
    readonly urls: string[]
  ) {
    child.on("message", (message) => this.waiting.shift()?.(message))
  }

  static async start(count: number): Promise<ReceiverProcess> {
    const child = fork(path.join(__dirname, "receiver.ts"), [], {
      cwd: ROOT,
      execArgv: ["-r", "ts-node/register/transpile-only"],
      env: { ...process.env, RECEIVERS: String(count) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    })
    const ready = await new Promise<{ urls: string[] }>((resolve, reject) => {
      child.once("message", resolve as (m: unknown) => void)
      child.once("exit", (code) => reject(new Error(`receiver exited (${code})`)))
    })
    return new ReceiverProcess(child, ready.urls)
  }

  ask<T = any>(message: object): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push(resolve)
      this.child.send(message)
    })
  }

  async count(): Promise<number> {
    return (await this.ask<{ count: number }>({ cmd: "count" })).count
  }
}

/** A child process that prints `{"ready":true}` on stdout once it can take work. */
export async function startProcess(script: string, env: Record<string, string>): Promise<ChildProcess> {
  const extra = process.env.BENCH_CHILD_NODE_ARGS ? process.env.BENCH_CHILD_NODE_ARGS.split(" ") : []
  const child = spawn(process.execPath, [...extra, "-r", "ts-node/register/transpile-only", script], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  })
  await new Promise<void>((resolve, reject) => {
    let buffer = ""
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString()
      if (buffer.includes('"ready":true')) resolve()
    })
    child.once("exit", (code) => reject(new Error(`${script} exited (${code})`)))
  })
  return child
}

export async function stopProcesses(children: ChildProcess[]) {
  // SIGTERM when profiling (the profile is written on a clean exit), else SIGKILL: dead endpoints may still hang.
  const signal = process.env.BENCH_CHILD_NODE_ARGS ? "SIGTERM" : "SIGKILL"
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve()
          c.once("exit", () => resolve())
          c.kill(signal)
        })
    )
  )
}

export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/** BENCH_DEBUG: where the CPU went during a phase (workers, receiver, this process, Postgres backends of the bench database, Redis). */
export async function cpuSnapshot(
  pg: Knex | undefined,
  database: string,
  pids: Record<string, number[]>
): Promise<Record<string, number>> {
  const { rows } = pg ? await pg.raw("select pid from pg_stat_activity where datname = ?", [database]) : { rows: [] }
  const redisPid = Number(execSync("pgrep -o redis-server || true").toString().trim() || 0)
  const all: Record<string, number[]> = {
    ...pids,
    postgres: rows.map((r: { pid: number }) => r.pid),
    redis: redisPid ? [redisPid] : [],
    orchestrator: [process.pid],
  }
  return Object.fromEntries(
    Object.entries(all).map(([k, list]) => [k, list.reduce((n, pid) => n + cpuSeconds(pid), 0)])
  )
}

export async function healthyReceived(receiver: ReceiverProcess, dead: number[]): Promise<number> {
  const { counts } = await receiver.ask<{ counts: number[] }>({ cmd: "counts" })
  return counts.reduce((n, c, i) => (dead.includes(i) ? n : n + c), 0)
}

export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string, everyMs = 50) {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(everyMs)
  }
}
