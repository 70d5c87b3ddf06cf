import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import { join } from "node:path"
import { parse } from "yaml"
import { loadHubConfig } from "../../src/lib/config/env"

/**
 * The Dockerfile and docker-compose.yml, read as Docker would read them (no
 * Docker engine here): the rules an operator relies on, each one failing when
 * someone breaks it.
 */

const root = join(__dirname, "../..")
const read = (file: string) => readFileSync(join(root, file), "utf8")

// ── A small Dockerfile reader ──────────────────────────────────────────────

type Instruction = { keyword: string; args: string; line: number }
type Stage = { name: string; base: string; instructions: Instruction[] }

/** Instructions with their continuation lines joined; comments and parser directives dropped. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = []
  const lines = text.split("\n")
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1
    let line = lines[i]
    if (/^\s*(#|$)/.test(line)) continue
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      const next = lines[++i]
      if (/^\s*#/.test(next)) continue // a comment inside a continued instruction
      line = line.replace(/\\\s*$/, " ") + next.trim()
    }
    const match = /^\s*(\w+)\s*(.*)$/.exec(line)!
    result.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: first })
  }
  return result
}

/** The stages, FROM's build arguments resolved from the global ARG defaults. */
function stages(text: string): Stage[] {
  const args = new Map<string, string>()
  const result: Stage[] = []
  for (const instruction of instructions(text)) {
    if (instruction.keyword === "FROM") {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith("--"))
      const base = words[0].replace(/\$\{?(\w+)\}?/g, (_, name) => args.get(name) ?? "")
      const alias = words[1]?.toUpperCase() === "AS" ? words[2] : String(result.length)
      result.push({ name: alias, base, instructions: [] })
    } else if (!result.length) {
      if (instruction.keyword === "ARG") {
        const [name, value = ""] = instruction.args.split("=", 2)
        args.set(name.trim(), value.trim())
      }
    } else {
      result[result.length - 1].instructions.push(instruction)
    }
  }
  return result
}

/** `--from=build --chown=x a b dest` → flags and paths. */
function copyArgs(args: string): { flags: Record<string, string>; sources: string[]; dest: string } {
  const words = args.startsWith("[") ? (JSON.parse(args) as string[]) : args.split(/\s+/)
  const flags: Record<string, string> = {}
  const paths: string[] = []
  for (const word of words) {
    const flag = /^--([\w-]+)=(.*)$/.exec(word)
    if (flag) flags[flag[1]] = flag[2]
    else paths.push(word)
  }
  return { flags, sources: paths.slice(0, -1), dest: paths[paths.length - 1] }
}

/** An exec-form (JSON array) command, or a shell-form one as one sh -c string. */
function command(args: string): string[] {
  return args.startsWith("[") ? (JSON.parse(args) as string[]) : ["/bin/sh", "-c", args]
}

const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword)
const last = (stage: Stage, keyword: string) => all(stage, keyword).at(-1)
const runs = (stage: Stage) => all(stage, "RUN").map((i) => i.args)

/** ENV in both forms: `ENV A=1 B=2` and `ENV A 1`. */
function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {}
  for (const { args } of all(stage, "ENV")) {
    if (/^\w+\s+[^=]*$/.test(args) && !args.includes("=")) {
      const [name, ...value] = args.split(/\s+/)
      env[name] = value.join(" ")
    } else {
      for (const m of args.matchAll(/(\w+)=("[^"]*"|\S*)/g)) env[m[1]] = m[2].replace(/^"|"$/g, "")
    }
  }
  return env
}

// ── Compose interpolation, as `docker compose` does it for ${VAR…} ──────────

/** What an operator sets for the variables compose insists on (`${VAR:?…}`): valid production values. */
const OPERATOR_VALUES: Record<string, string> = {
  JWT_SECRET: "j".repeat(40),
  COOKIE_SECRET: "c".repeat(40),
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  STRIPE_API_KEY: "sk_live_operator",
  STRIPE_WEBHOOK_SECRET: "whsec_operator",
}

/**
 * `${VAR:?msg}` takes the operator's value (compose stops without one),
 * `${VAR:-default}` its default, `${VAR}` nothing: the shell sets nothing else.
 */
function interpolate(value: unknown, required: Set<string>): string {
  return String(value).replace(/\$\{(\w+)(?::?([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest = "") => {
    if (kind === "?") {
      required.add(name)
      if (!(name in OPERATOR_VALUES))
        throw new Error(`${name} is required by compose: give it a value in OPERATOR_VALUES`)
      return OPERATOR_VALUES[name]
    }
    return kind === "-" ? rest : ""
  })
}

type Service = {
  build?: unknown
  image?: string
  command?: string[] | string
  environment?: Record<string, unknown> | string[]
  ports?: unknown[]
  depends_on?: Record<string, { condition?: string }> | string[]
  healthcheck?: { test?: string[] | string; disable?: boolean }
  restart?: string
  container_name?: string
}

function environment(service: Service): { env: Record<string, string>; required: Set<string> } {
  const required = new Set<string>()
  const raw = service.environment ?? {}
  const entries = Array.isArray(raw)
    ? raw.map((e) => e.split("=", 2) as [string, string])
    : Object.entries(raw).map(([k, v]) => [k, v == null ? "" : String(v)] as [string, string])
  const env = Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v, required)]))
  return { env, required }
}

// ── The Dockerfile ─────────────────────────────────────────────────────────

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile")
  const all_ = stages(dockerfile)
  const final = all_[all_.length - 1]
  const byName = new Map(all_.map((s) => [s.name, s]))
  const workdir = last(final, "WORKDIR")?.args ?? "/"

  it("builds in a stage of its own with npm ci and npm run build, on Node 20", () => {
    expect(all_.length).toBeGreaterThanOrEqual(2)
    const build = all_.find((s) => runs(s).some((r) => /\bnpm run build\b/.test(r)))
    expect(build).toBeDefined()
    expect(runs(build!).some((r) => /\bnpm ci\b/.test(r))).toBe(true)
    expect(build).not.toBe(final)
    for (const stage of all_) expect(stage.base).toMatch(/^node:20\.(19|[2-9]\d)\b/)
  })

  it("runs the final stage as a user other than root", () => {
    const user = last(final, "USER")
    expect(user).toBeDefined()
    expect(user!.args.split(":")[0]).not.toMatch(/^(root|0)?$/)
    // Nothing after it switches back.
    const cmd = last(final, "CMD")!
    expect(user!.line).toBeLessThan(cmd.line)
  })

  it("copies only the build output and production dependencies into the final stage", () => {
    expect(all(final, "ADD")).toEqual([])
    const copies = all(final, "COPY").map((i) => copyArgs(i.args))
    expect(copies.length).toBeGreaterThan(0)
    const kinds = new Set<string>()
    for (const { flags, sources } of copies) {
      // Never the build context (the source tree): only an earlier stage's files.
      expect(flags.from).toBeDefined()
      const stage = byName.get(flags.from)!
      expect(stage).toBeDefined()
      const stageDir = last(stage, "WORKDIR")?.args ?? "/"
      for (const source of sources) {
        const path = source.startsWith("/") ? source : join(stageDir, source)
        if (runs(stage).some((r) => /\bnpm run build\b/.test(r))) {
          // From the build stage: .medusa/server, nothing else (no src, no node_modules with dev dependencies).
          expect(path.replace(/\/$/, "")).toBe(join(stageDir, ".medusa/server"))
          kinds.add("build output")
        } else {
          // From a dependencies stage: node_modules installed without the dev dependencies.
          expect(path.replace(/\/$/, "")).toBe(join(stageDir, "node_modules"))
          expect(runs(stage).some((r) => /\bnpm ci\b[^&|;]*--omit=dev/.test(r))).toBe(true)
          kinds.add("production dependencies")
        }
      }
    }
    expect([...kinds].sort()).toEqual(["build output", "production dependencies"])
    // Nor does the final stage install anything with dev dependencies itself.
    for (const run of runs(final)) expect(run).not.toMatch(/\bnpm (ci|install)\b(?![^&|;]*--omit=dev)/)
    // The build output lands where the command runs (medusa-config.js and the migrations are there).
    const output = copies.find((c) => c.sources.some((s) => s.includes(".medusa/server")))!
    expect(join(workdir, output.dest).replace(/\/$/, "")).toBe(workdir.replace(/\/$/, ""))
  })

  it("starts medusa from the build output and EXPOSEs the port it listens on", () => {
    const cmd = command(last(final, "CMD")!.args)
    const entrypoint = last(final, "ENTRYPOINT")
    expect(entrypoint).toBeUndefined()
    expect(cmd.join(" ")).toMatch(/^(node_modules\/\.bin\/medusa|npx medusa) start\b/)
    // medusa start listens on --port/-p, else $PORT, else 9000.
    const flag = cmd.findIndex((w) => w === "--port" || w === "-p")
    const port = flag >= 0 ? cmd[flag + 1] : (envOf(final).PORT ?? "9000")
    const exposed = all(final, "EXPOSE").flatMap((i) => i.args.split(/\s+/).map((p) => p.split("/")[0]))
    expect(exposed).toContain(port)
  })

  describe("HEALTHCHECK", () => {
    const healthcheck = last(final, "HEALTHCHECK")
    const script = () => {
      const args = healthcheck!.args.replace(/^(--[\w-]+=\S+\s+)*/, "")
      expect(args.startsWith("CMD ")).toBe(true)
      const argv = command(args.slice(4).trim())
      expect(argv.slice(0, 2)).toEqual(["node", "-e"]) // slim images have no curl
      return argv[2]
    }

    it("calls GET /health/ready with node", () => {
      expect(healthcheck).toBeDefined()
      expect(healthcheck!.args).not.toMatch(/^NONE\b/)
      expect(script()).toContain("/health/ready")
    })

    /** Runs the HEALTHCHECK's script against a stand-in server answering `status` on /health/ready. */
    async function probe(status: number, env: Record<string, string> = {}) {
      const seen: string[] = []
      const server = createServer((req, res) => {
        seen.push(req.url!)
        res.writeHead(req.url === "/health/ready" ? status : 200).end()
      })
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      const port = String((server.address() as { port: number }).port)
      try {
        const child = spawn(process.execPath, ["-e", script()], {
          env: { PATH: process.env.PATH, PORT: port, ...env },
          stdio: "ignore",
        })
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
        return { code, seen }
      } finally {
        server.close()
      }
    }

    it("is healthy on 200 and unhealthy on 503 or when nothing listens; a worker asks for liveness only", async () => {
      expect(await probe(200)).toEqual({ code: 0, seen: ["/health/ready"] })
      expect(await probe(503)).toEqual({ code: 1, seen: ["/health/ready"] })
      // A worker serves no API routes: only Medusa's /health.
      expect(await probe(503, { WORKER_MODE: "worker" })).toEqual({ code: 0, seen: ["/health"] })
      const closed = spawn(process.execPath, ["-e", script()], { env: { PORT: "1" }, stdio: "ignore" })
      expect(await new Promise((resolve) => closed.on("close", resolve))).toBe(1)
    })
  })

  it("leaves local installs, builds, history and secrets out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.replace(/^\*\*\//, "").replace(/\/$/, ""))
    for (const entry of ["node_modules", ".medusa", "public", "tmp", "coverage", ".git", ".env*"])
      expect(ignored).toContain(entry)
  })
})

// ── docker-compose.yml ─────────────────────────────────────────────────────

describe("docker-compose.yml", () => {
  const text = read("docker-compose.yml")
  const compose = parse(text, { merge: true }) as { services: Record<string, Service> }
  const { services } = compose
  const hubServices = ["migrate", "server", "worker"] as const
  const argv = (c: Service["command"]) => (Array.isArray(c) ? c : String(c ?? "").split(/\s+/))
  const dependsOn = (service: Service) => (Array.isArray(service.depends_on) ? {} : (service.depends_on ?? {}))

  it("keeps the usage lines of its header true", () => {
    expect(text).toMatch(/^# .*\n#\s+docker compose up -d postgres redis\s+# .*npm run demo/)
    expect(Object.keys(services)).toEqual(expect.arrayContaining(["postgres", "redis", ...hubServices]))
    for (const name of ["postgres", "redis"]) expect(services[name].healthcheck?.test).toBeDefined()
  })

  it("runs migrate, server and worker from the one image built from the Dockerfile", () => {
    for (const name of hubServices) {
      expect(services[name].build).toBe(".")
      expect(services[name].image).toBe(services.migrate.image)
    }
  })

  it("migrates once with the image's medusa, from the built folder, and server and worker wait for it to succeed", () => {
    const migrate = services.migrate
    expect(argv(migrate.command)).toEqual(["node_modules/.bin/medusa", "db:migrate"])
    expect(migrate.restart).toBe("no")
    expect(migrate.ports).toBeUndefined()
    expect(dependsOn(migrate)).toMatchObject({
      postgres: { condition: "service_healthy" },
      redis: { condition: "service_healthy" },
    })
    for (const name of ["server", "worker"]) {
      expect(dependsOn(services[name]).migrate).toEqual({ condition: "service_completed_successfully" })
      // They run the image's own command (medusa start), not a build or a migration.
      expect(services[name].command).toBeUndefined()
    }
  })

  it("scales workers: WORKER_MODE=worker, no published port, no fixed container name", () => {
    const worker = services.worker
    expect(environment(worker).env.WORKER_MODE).toBe("worker")
    expect(worker.ports).toBeUndefined()
    expect(worker.container_name).toBeUndefined()
    expect(worker.healthcheck?.disable).not.toBe(true)
  })

  it("serves on the image's port with the image's readiness healthcheck", () => {
    const server = services.server
    expect(environment(server).env.WORKER_MODE).toBe("server")
    expect(server.ports).toEqual(["9000:9000"])
    const healthcheck = server.healthcheck
    expect(healthcheck).toBeDefined()
    expect(healthcheck!.disable).not.toBe(true)
    // Without a test of its own it keeps the image's (GET /health/ready); one of its own must ask the same.
    if (healthcheck!.test !== undefined) expect(JSON.stringify(healthcheck!.test)).toContain("/health/ready")
    else expect(read("Dockerfile")).toMatch(/^HEALTHCHECK .*\/health\/ready/ms)
  })

  it.each(hubServices)(
    "gives %s every variable the hub needs with BACKY_ENV=production, compose refusing to start without the secrets",
    (name) => {
      const { env, required } = environment(services[name])
      expect(env.BACKY_ENV).toBe("production")
      // The environment as compose hands it to the container loads.
      const config = loadHubConfig(env)
      expect(config.isProduction).toBe(true)
      expect(config.databaseUrl).toMatch(/@postgres:5432\//)
      expect(config.redisUrl).toBe("redis://redis:6379")
      // Each variable the hub cannot start without is in the file, either as a value or as ${VAR:?…}.
      const needed = Object.keys(env).filter((variable) => {
        const without = { ...env }
        delete without[variable]
        try {
          loadHubConfig(without)
          return false
        } catch {
          return true
        }
      })
      expect(needed).toEqual(
        expect.arrayContaining([
          "JWT_SECRET",
          "COOKIE_SECRET",
          "ENCRYPTION_KEY",
          "STRIPE_API_KEY",
          "STRIPE_WEBHOOK_SECRET",
        ])
      )
      const raw = services[name].environment as Record<string, unknown>
      for (const variable of needed) {
        const value = String(raw[variable])
        if (value.includes("${")) expect(required).toContain(variable)
        else expect(value).not.toBe("")
      }
    }
  )
})
