import { readdirSync } from "node:fs"
import { join, relative, sep } from "node:path"
import { HTTP_METHODS } from "@medusajs/framework/http"

/**
 * Backy's routes, read from its route files the way Medusa's RoutesLoader
 * reads them (`src/api/a/[id]/route.ts` exporting GET → `GET /a/:id`), so a
 * new route file is covered by the request guard and the error handler
 * without being listed anywhere.
 */

/** Everything under these is backy's: an unknown path or method there is ours to answer. */
export const BACKY_PREFIXES = [
  "/admin/approval-requests",
  "/admin/companies",
  "/admin/contracts",
  "/admin/erp",
  "/admin/invoices",
  "/admin/webhooks",
  "/erp",
  "/partners",
  "/store/b2b",
] as const

export type BackyRoute = {
  /** Express pattern, `/admin/companies/:id/employees`. */
  pattern: string
  /** `"companies"` for a static segment, `":id"` for a parameter. */
  segments: string[]
  /** The HTTP methods the route file exports. */
  methods: string[]
  /** Under one of BACKY_PREFIXES (false for backy's few routes inside Medusa's own areas). */
  underPrefix: boolean
}

export type RouteMatch = {
  /** Every route whose pattern matches the path (a static one and a parameter one may both match). */
  routes: BackyRoute[]
  /** Methods of all of them, as Express would try them in turn. */
  methods: string[]
  /** Parameter name per segment index, for naming a bad segment. */
  paramAt: Map<number, string>
}

/** The folder of the route files: this file lives in `<api>/utils/` (src/ in development, .medusa/server/src/ once built). */
const API_DIR = join(__dirname, "..")

const ROUTE_FILE = /^route\.(ts|js)$/

let table: RouteTable | undefined

/** The table of this app's routes, read on first use (the route modules are loaded by then). */
export function backyRoutes(): RouteTable {
  table ??= loadRouteTable(API_DIR)
  return table
}

export function loadRouteTable(apiDir: string): RouteTable {
  const routes = routeFiles(apiDir).map((file) => toRoute(apiDir, file))
  return new RouteTable(routes.filter((route) => route.methods.length > 0))
}

export class RouteTable {
  constructor(readonly routes: BackyRoute[]) {}

  /** The routes matching a raw (still percent-encoded) path, or undefined. */
  match(path: string): RouteMatch | undefined {
    const segments = splitPath(path)
    const routes = this.routes.filter((route) => segmentsMatch(route.segments, segments))
    if (!routes.length) return undefined
    const methods = [...new Set(routes.flatMap((route) => route.methods))]
    const paramAt = new Map<number, string>()
    for (const route of routes) {
      route.segments.forEach((segment, i) => {
        if (segment.startsWith(":") && !paramAt.has(i)) paramAt.set(i, segment.slice(1))
      })
    }
    return { routes, methods, paramAt }
  }
}

/** Under a backy prefix (Express matches paths case-insensitively, so does this). */
export function underBackyPrefix(path: string): boolean {
  const lower = path.toLowerCase()
  return BACKY_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`))
}

/** "/erp/orders/" → ["erp", "orders"]: one trailing slash is ignored, as Express does; empty inner segments are kept. */
export function splitPath(path: string): string[] {
  const trimmed = path.endsWith("/") && path.length > 1 ? path.slice(0, -1) : path
  return trimmed.split("/").slice(1)
}

function segmentsMatch(pattern: string[], segments: string[]): boolean {
  if (pattern.length !== segments.length) return false
  return pattern.every((part, i) =>
    part.startsWith(":") ? segments[i] !== "" : part.toLowerCase() === segments[i].toLowerCase()
  )
}

function routeFiles(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Medusa skips folders starting with "_"; test folders hold no routes.
    if (entry.name.startsWith("_")) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...routeFiles(path))
    else if (ROUTE_FILE.test(entry.name)) found.push(path)
  }
  return found
}

function toRoute(apiDir: string, file: string): BackyRoute {
  const folders = relative(apiDir, file).split(sep).slice(0, -1)
  const segments = folders.map((folder) => folder.replace(/^\[(\w+)\]$/, ":$1"))
  const pattern = `/${segments.join("/")}`
  // The module is already loaded: Medusa required it to register the route (a path known only at run time).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(file) as Record<string, unknown>
  const methods = HTTP_METHODS.filter((method) => typeof exported[method] === "function")
  return { pattern, segments, methods, underPrefix: underBackyPrefix(pattern) }
}
