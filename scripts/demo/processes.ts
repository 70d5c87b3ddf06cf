import { spawn, ChildProcess } from "node:child_process"
import { createServer } from "node:net"

const ROOT = `${__dirname}/../..`

/** Runs a command to completion; its output is shown only if it fails. */
export async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  child.stdout.on("data", (d) => (output += d))
  child.stderr.on("data", (d) => (output += d))
  const code: number = await new Promise((resolve) => child.on("close", resolve))
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${code}):\n${output.slice(-4000)}`)
}

export function startHub(port: number, env: NodeJS.ProcessEnv, logFile: NodeJS.WritableStream): ChildProcess {
  const child = spawn("npx", ["medusa", "start", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  child.stdout!.pipe(logFile)
  child.stderr!.pipe(logFile)
  return child
}

export async function stopHub(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const closed = new Promise((resolve) => child.on("close", resolve))
  try {
    process.kill(-child.pid!, "SIGTERM")
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL")
    } catch {
      // already gone
    }
  }, 10_000)
  await closed
  clearTimeout(timer)
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on("error", reject)
  })
}

export async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the hub exited with code ${child.exitCode}`)
    try {
      const res = await fetch(`${baseUrl}/health`)
      if (res.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the hub did not answer ${baseUrl}/health within ${timeoutMs / 1000} s`)
}
