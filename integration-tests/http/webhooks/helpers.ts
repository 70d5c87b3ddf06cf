import type { MedusaContainer } from "@medusajs/framework/types"
import { createAdminToken } from "../../helpers/admin"

/** An HTTP answer, whatever its status (the specs assert on 4xx too). */
export type Answer<T = any> = { status: number; body: T; headers: Headers }

/** A JSON client for the hub's HTTP API that never throws on a status. */
export class HubHttp {
  constructor(
    readonly baseUrl: string,
    private authorization?: string
  ) {}

  as(authorization: string | undefined): HubHttp {
    return new HubHttp(this.baseUrl, authorization)
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {}
  ): Promise<Answer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined || typeof body === "string" ? {} : { "content-type": "application/json" }),
        ...(this.authorization ? { authorization: this.authorization } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed: any = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers }
  }

  get<T = any>(path: string) {
    return this.call<T>("GET", path)
  }
  post<T = any>(path: string, body: unknown = {}) {
    return this.call<T>("POST", path, body)
  }
  delete<T = any>(path: string) {
    return this.call<T>("DELETE", path)
  }
}

export async function adminHttp(baseUrl: string, container: MedusaContainer): Promise<HubHttp> {
  return new HubHttp(baseUrl, `Bearer ${await createAdminToken(container)}`)
}

export type IssuedPartner = { id: string; client_id: string; client_secret: string; token: string; http: HubHttp }

/**
 * A partner created through the admin API, with a fresh access token and a
 * client for the partner API. Granted every company and channel unless
 * `grants` says otherwise (a partner created without grants receives no
 * business event).
 */
export async function issuePartner(
  admin: HubHttp,
  name: string,
  scopes?: string[],
  grants: Record<string, unknown> = { all: true }
): Promise<IssuedPartner> {
  const created = await admin.post("/admin/webhooks/partners", { name, grants, ...(scopes ? { scopes } : {}) })
  if (created.status !== 201)
    throw new Error(`creating partner ${name}: ${created.status} ${JSON.stringify(created.body)}`)
  const { client_id, client_secret } = created.body
  const token = await partnerToken(admin.as(undefined), client_id, client_secret)
  return { id: created.body.partner.id, client_id, client_secret, token, http: admin.as(`Bearer ${token}`) }
}

export async function partnerToken(
  anonymous: HubHttp,
  clientId: string,
  clientSecret: string,
  scope?: string
): Promise<string> {
  const answer = await anonymous.post("/partners/oauth/token", {
    grant_type: "client_credentials",
    client_id: clientId,
    client_secret: clientSecret,
    ...(scope ? { scope } : {}),
  })
  if (answer.status !== 200) throw new Error(`token for ${clientId}: ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body.access_token
}

/** Creates an endpoint through the partner API; returns it with its one-time secret. */
export async function createEndpoint(
  partner: IssuedPartner,
  body: { url: string; event_types: string[]; [k: string]: unknown }
): Promise<{ id: string; secret: string; endpoint: any }> {
  const answer = await partner.http.post("/partners/endpoints", body)
  if (answer.status !== 201) throw new Error(`creating endpoint: ${answer.status} ${JSON.stringify(answer.body)}`)
  return { id: answer.body.endpoint.id, secret: answer.body.secret, endpoint: answer.body.endpoint }
}

/** Headers of a recorded delivery as the standardwebhooks verifier wants them. */
export function webhookHeaders(headers: Record<string, unknown>): Record<string, string> {
  return {
    "webhook-id": String(headers["webhook-id"]),
    "webhook-timestamp": String(headers["webhook-timestamp"]),
    "webhook-signature": String(headers["webhook-signature"]),
  }
}

/** A child process running integration-tests/helpers/webhook-worker-process.ts. */
export type WorkerProcess = {
  pid: number
  /** Resolves with the process's counts after SIGTERM (graceful stop). */
  stop(): Promise<{ delivered: number; attempted: number }>
  /** SIGKILL: no cleanup, in-flight deliveries keep their lease in Postgres. */
  kill(): Promise<void>
}

export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const { spawn } = await import("node:child_process")
  const path = await import("node:path")
  const root = path.resolve(__dirname, "../../..")
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "integration-tests/helpers/webhook-worker-process.ts"],
    {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }
  )
  const lines: any[] = []
  const waiters: (() => void)[] = []
  let buffer = ""
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8")
    let newline: number
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      try {
        lines.push(JSON.parse(line))
      } catch {
        // not ours
      }
      waiters.splice(0).forEach((w) => w())
    }
  })
  let stderr = ""
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  const line = async (match: (l: any) => boolean, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = lines.find(match)
      if (found) return found
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker ${what}: ${stderr.slice(-2000)}`)
      await new Promise<void>((r) => {
        waiters.push(r)
        setTimeout(r, 200)
      })
    }
  }
  await line((l) => l.ready, 60_000, "did not start")
  return {
    pid: child.pid!,
    async stop() {
      child.kill("SIGTERM")
      const result = await line((l) => typeof l.delivered === "number", 30_000, "did not stop")
      await exited
      return result
    },
    async kill() {
      child.kill("SIGKILL")
      await exited
    },
  }
}
