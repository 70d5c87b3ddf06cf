import { readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { MedusaModule } from "@medusajs/framework/modules-sdk"

/** One migration file the running app ships: its module and the name Medusa records when it is applied. */
export type ShippedMigration = { module: string; name: string }

/**
 * A migration file as MikroORM's migrator finds it (`!(*.d).{js,ts,cjs}`),
 * named without its extension, as `mikro_orm_migrations.name` records it.
 */
const MIGRATION_FILE = /^(?!.*\.d\.[cm]?ts$)(.+)\.(js|ts|cjs)$/

type Resolution = {
  definition?: { key?: string }
  resolutionPath?: string | false
  moduleDeclaration?: { scope?: string }
  options?: { providers?: { resolve?: unknown }[] }
}

let cached: ShippedMigration[] | undefined

/**
 * The migrations of every module this process loaded (Medusa's and backy's,
 * providers included), found where Medusa's `db:migrate` looks for them: the
 * `migrations` folder beside the module's entry (the re-exported package's
 * entry for `@medusajs/medusa/<module>`). Read once: the files do not change
 * while the process runs.
 */
export function shippedMigrations(): ShippedMigration[] {
  if (!cached) {
    const found = new Map<string, ShippedMigration>()
    for (const resolution of MedusaModule.getAllModuleResolutions() as Resolution[]) {
      const module = resolution.definition?.key ?? "unknown"
      if (resolution.moduleDeclaration?.scope === "external") continue
      const entries: string[] = []
      if (typeof resolution.resolutionPath === "string") entries.push(resolution.resolutionPath)
      for (const provider of resolution.options?.providers ?? []) {
        if (typeof provider.resolve === "string") entries.push(resolveEntry(provider.resolve))
      }
      for (const entry of entries) {
        for (const name of migrationNames(join(dirname(discoveryPath(entry)), "migrations"))) {
          found.set(`${module}/${name}`, { module, name })
        }
      }
    }
    cached = [...found.values()]
  }
  return cached
}

/** The migration names in `dir`, none when it does not exist. */
export function migrationNames(dir: string): string[] {
  let files: string[]
  try {
    files = readdirSync(dir)
  } catch {
    return []
  }
  return files.flatMap((file) => {
    const match = MIGRATION_FILE.exec(file)
    return match ? [match[1]] : []
  })
}

function resolveEntry(request: string): string {
  try {
    return require.resolve(request, { paths: [process.cwd()] })
  } catch {
    return request
  }
}

/**
 * `@medusajs/medusa/cart` re-exports `@medusajs/cart` and names it as its
 * `discoveryPath`, where Medusa then looks for models and migrations.
 */
function discoveryPath(entry: string): string {
  try {
    // The module is loaded already: Medusa required it to build the app.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(entry) as { discoveryPath?: unknown }
    return typeof exported.discoveryPath === "string" ? exported.discoveryPath : entry
  } catch {
    return entry
  }
}
