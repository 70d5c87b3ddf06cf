import { spawn } from "node:child_process"

export type RunResult = { code: number | null; output: string }

/** Runs a command from the repository root, capturing stdout+stderr. */
export async function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  const child = spawn(command, args, { cwd: `${__dirname}/../..`, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
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
