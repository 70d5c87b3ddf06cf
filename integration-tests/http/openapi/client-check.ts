import { execFileSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const ROOT = join(__dirname, "../../..")

/**
 * Generates a TypeScript client from a partner API document with
 * openapi-typescript (types) + openapi-fetch (the client), writes a program
 * that uses it the way a partner's engineer would, and compiles it with tsc
 * --strict. The program also holds calls the types must refuse
 * (`@ts-expect-error`): were the generated types loose (`any`), tsc would
 * fail on the unused directives.
 */
export function compileGeneratedPartnerClient(documentFile: string, dir: string): void {
  mkdirSync(dir, { recursive: true })
  const types = join(dir, "partner-api.d.ts")
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules/openapi-typescript/bin/cli.js"), documentFile, "-o", types],
    {
      stdio: "pipe",
    }
  )
  const program = join(dir, "partner-client.ts")
  writeFileSync(program, PROGRAM)
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules/typescript/bin/tsc"),
      "--noEmit",
      "--strict",
      "--target",
      "es2022",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      "--types",
      "node",
      program,
    ],
    { stdio: "pipe", cwd: ROOT }
  )
}

const PROGRAM = `import createClient from "openapi-fetch"
import type { paths } from "./partner-api"

export async function subscribe(baseUrl: string, accessToken: string): Promise<string> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${accessToken}\` } })
  const created = await client.POST("/partners/endpoints", {
    body: { url: "https://partner.example/hooks", event_types: ["order.placed"], max_concurrency: 4 },
  })
  if (created.error) throw new Error(created.error.message)
  const secret: string = created.data.secret
  const enabled: boolean = created.data.endpoint.enabled

  const page = await client.GET("/partners/deliveries", { params: { query: { limit: 50, status: "failed" } } })
  const ids: string[] = (page.data?.deliveries ?? []).map((delivery) => delivery.event_id)
  const cursor: string | null | undefined = page.data?.next_cursor

  const detail = await client.GET("/partners/deliveries/{id}", { params: { path: { id: ids[0] } } })
  const attempts: number | undefined = detail.data?.attempts.length

  // @ts-expect-error url is required
  await client.POST("/partners/endpoints", { body: { event_types: ["order.placed"] } })
  // @ts-expect-error limit is a number
  await client.GET("/partners/deliveries", { params: { query: { limit: "fifty" } } })
  // @ts-expect-error status is one of the delivery states
  await client.GET("/partners/deliveries", { params: { query: { status: "lost" } } })
  // @ts-expect-error no such path
  await client.GET("/partners/nothing-here")

  return [secret, enabled, cursor, attempts].join()
}
`
