import { spawn } from "node:child_process"

export type RunResult = { code: number | null; output: string }

/** Runs a command from the repository root, capturing stdout+stderr. */
export async function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number
): Promise<RunResult> {
  const child = spawn(command, args, {
    cwd: `${__dirname}/../..`,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  let output = ""
  child.stdout.on("data", (d) => (output += d))
  child.stderr.on("data", (d) => (output += d))
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL")
    } catch {
      // gone
    }
  }, timeoutMs)
  const code: number | null = await new Promise((resolve) => child.on("close", resolve))
  clearTimeout(timer)
  return { code, output }
}

/** The environment a user's shell would give: no jest/test settings leaking in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(JEST|DB_|MEDUSA_|BACKY_|HUB_|STRIPE_|NODE_OPTIONS|NODE_ENV|WEBHOOK_)/.test(k)) continue
    env[k] = v
  }
  return { ...env, ...extra }
}

export type RunningCommand = {
  /** Everything printed so far (stdout+stderr). */
  output(): string
  /** Resolves with the first match of `pattern` in the output; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>
  /**
   * Sends `signal` to the command's process group (as a terminal's Ctrl-C
   * does) and resolves once every process holding its output has exited.
   */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<void>
}

/** Starts a long-running command from the repository root in its own process group. */
export function startCommand(command: string, args: string[], env: NodeJS.ProcessEnv): RunningCommand {
  const child = spawn(command, args, {
    cwd: `${__dirname}/../..`,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  let output = ""
  child.stdout.on("data", (d) => (output += d))
  child.stderr.on("data", (d) => (output += d))
  // "close" waits for every process writing to the pipes (npm and the script it runs).
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()))
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // gone
    }
  }
  return {
    output: () => output,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const match = output.match(pattern)
        if (match) return match
        if (child.exitCode !== null)
          throw new Error(`${command} exited (${child.exitCode}) before printing ${pattern}:\n${output.slice(-4000)}`)
        if (Date.now() > deadline)
          throw new Error(`${command} did not print ${pattern} within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`)
        await new Promise((r) => setTimeout(r, 250))
      }
    },
    async stop(signal, timeoutMs) {
      killGroup(signal)
      const timer = setTimeout(() => killGroup("SIGKILL"), timeoutMs)
      await closed
      clearTimeout(timer)
    },
  }
}
