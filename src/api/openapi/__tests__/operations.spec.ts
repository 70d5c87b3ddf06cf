import { join } from "node:path"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import middlewares from "../../middlewares"
import { loadRouteTable } from "../../utils/route-table"
import type { Validates } from "../../utils/validate-body"
import { buildOpenApiDocument } from "../document"
import type { Operation } from "../operation"
import { OPERATIONS } from "../operations"
import { TAG_DESCRIPTIONS } from "../tags"

/**
 * Holds the OpenAPI operations to the code: every route file's method is
 * documented (and nothing else is), and the request schemas documented are
 * the very objects the validation middlewares parse with.
 */

const API_DIR = join(__dirname, "../..")
const routes = loadRouteTable(API_DIR).routes
const ownOperations = OPERATIONS.filter((op) => !op.medusaRoute)
const key = (method: string, pattern: string) => `${method.toUpperCase()} ${pattern}`
const toPattern = (path: string) => path.replace(/\{(\w+)\}/g, ":$1")

describe("the OpenAPI operations", () => {
  it("document every method of every route file, and nothing that is not one", () => {
    const served = routes.flatMap((route) => route.methods.map((method) => key(method, route.pattern))).sort()
    const documented = ownOperations.map((op) => key(op.method, toPattern(op.path))).sort()
    expect(documented.filter((k) => !served.includes(k))).toEqual([])
    expect(served.filter((k) => !documented.includes(k))).toEqual([])
  })

  it("have unique operation ids and one operation per method and path", () => {
    const ids = OPERATIONS.map((op) => op.operationId)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    const keys = OPERATIONS.map((op) => key(op.method, op.path))
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([])
  })

  it("document each request with the schemas its validation middlewares parse with", () => {
    const problems: string[] = []
    for (const op of ownOperations) {
      const applied = validatorsFor(op)
      for (const part of ["body", "query"] as const) {
        const validated = applied.filter((v) => v[part]).map((v) => v[part])
        if (validated.length > 1) problems.push(`${op.operationId}: ${validated.length} ${part} validators`)
        else if (validated.length === 1 && !op[part])
          problems.push(`${op.operationId}: a middleware validates its ${part}, the document has none`)
        else if (validated.length === 1 && validated[0] !== op[part])
          problems.push(`${op.operationId}: documents a ${part} schema other than the one validated`)
        else if (validated.length === 0 && op[part] && !(part === "body" && op.validatedByRoute))
          problems.push(`${op.operationId}: documents a ${part} no middleware validates`)
      }
    }
    expect(problems).toEqual([])
  })

  it("describe every tag they use (src/api/openapi/tags.ts)", () => {
    const tags = new Set(OPERATIONS.flatMap((op) => op.tags))
    expect([...tags].filter((tag) => !TAG_DESCRIPTIONS[tag])).toEqual([])
  })

  it.each(["erp", "partners", "store", "staff"] as const)("build the %s document", (audience) => {
    const document = buildOpenApiDocument(audience, OPERATIONS, "1.0.0")
    const prefix = { erp: "/erp/", partners: "/partners/", store: "/store/", staff: "/" }[audience]
    const paths = Object.keys(document.paths)
    expect(paths.length).toBeGreaterThan(0)
    expect(paths.filter((path) => !path.startsWith(prefix))).toEqual([])
    if (audience === "staff") expect(paths.length).toBe(new Set(OPERATIONS.map((op) => op.path)).size)
  })
})

/** The validation middlewares Medusa runs for the operation's method and path. */
function validatorsFor(op: Operation): Validates[] {
  const samplePath = op.path.replace(/\{(\w+)\}/g, "sample_$1")
  // defineMiddlewares turns `method` into `methods`.
  const entries = (middlewares.routes ?? []) as (MiddlewareRoute & { methods?: string[] })[]
  return entries
    .filter((entry) => !entry.methods || entry.methods.includes(op.method.toUpperCase()))
    .filter((entry) => matcherRegex(String(entry.matcher), !entry.methods).test(samplePath))
    .flatMap((entry) => entry.middlewares ?? [])
    .map((middleware) => (middleware as { validates?: Validates }).validates)
    .filter((validates): validates is Validates => !!validates)
}

/** Medusa's matchers: `:name` one segment, `*` anything; without a method they are mounted with use() (a prefix). */
function matcherRegex(matcher: string, prefix: boolean): RegExp {
  const body = matcher
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/:(\w+)/g, "[^/]+")
  return new RegExp(`^${body}${prefix ? "(/.*)?" : "/?"}$`, "i")
}
