/**
 * A small declarative mapping language for in-house ERPs: a JSON object whose keys say where a
 * value goes and whose values say where it comes from.
 *
 * ```json
 * {
 *   "orderNumber":       "$.display_id | string",
 *   "currency":          "$.currency_code | upper",
 *   "customer.account":  "$.customer.erp_account_number",
 *   "source":            "backy",
 *   "lines[].itemNo":    "$.lines[].sku",
 *   "lines[].qty":       "$.lines[].quantity",
 *   "lines[].price":     "$.lines[].unit_price_minor | money",
 *   "total":             "$.total_minor | money"
 * }
 * ```
 *
 * Targets: dot-separated keys; at most one `[]` segment builds an array, one element per
 * element of the source's `[]` array (element i from source element i).
 *
 * Sources:
 * - `$.a.b` reads a path of the input (`$` alone is the whole input); inside a `[]` target,
 *   `$.lines[].sku` reads from the current element and any path without `[]` from the root;
 * - any other string, number, boolean, null, object or array is a literal; `$$` starts a literal
 *   string that begins with `$`;
 * - `| filter` (chainable) transforms the value: `money` (minor units → exact JSON decimal in the
 *   input's `currency_code`), `money_string` (the same as a string), `decimal` (decimal text such
 *   as a unit price `"10.125"` or a tax rate → exact JSON number), `string`, `number`,
 *   `upper`, `lower`, `date` (`YYYY-MM-DD` of a timestamp), `default:<text>` (when missing).
 *
 * A value that is missing (undefined or null) is left out of the output. Mistakes in a mapping
 * are `ErpConfigError`s when the connector is created, not when the first order arrives.
 *
 * @module
 */
import { ErpConfigError } from "../lib/errors"
import { JsonDecimal } from "../lib/json"
import { jsonDecimal } from "../lib/decimal"
import { formatMinor, toMinor } from "../lib/money"

export type MappingSpec = Record<string, unknown>

type Filter = { name: string; arg?: string }

interface PathSource {
  kind: "path"
  /** Segments before `[]` (or the whole path). */
  head: string[]
  /** Segments after `[]`; undefined when the path has no `[]`. */
  tail?: string[]
  filters: Filter[]
}

interface LiteralSource {
  kind: "literal"
  value: unknown
}

interface Rule {
  target: { head: string[]; tail?: string[] }
  source: PathSource | LiteralSource
}

export interface CompiledMapping {
  readonly rules: readonly Rule[]
}

const FILTERS = new Set(["money", "money_string", "decimal", "string", "number", "upper", "lower", "date", "default"])

/** Parses and checks a mapping; throws `ErpConfigError` naming the bad entry. */
export function compileMapping(spec: MappingSpec, where = "mapping"): CompiledMapping {
  if (!spec || typeof spec !== "object" || Array.isArray(spec)) throw new ErpConfigError(`${where}: must be an object`)
  const rules: Rule[] = []
  let arrayHead: string | undefined
  for (const [targetText, sourceValue] of Object.entries(spec)) {
    const target = splitArrayPath(targetText, `${where}["${targetText}"]`)
    const source = parseSource(sourceValue, `${where}["${targetText}"]`)
    if (source.kind === "path" && source.tail && !target.tail) {
      throw new ErpConfigError(`${where}["${targetText}"]: a [] source needs a [] target`)
    }
    if (target.tail) {
      const head = target.head.join(".")
      if (arrayHead !== undefined && arrayHead !== head) {
        throw new ErpConfigError(`${where}: only one array target is supported (${arrayHead}[] and ${head}[])`)
      }
      arrayHead = head
    }
    rules.push({ target, source })
  }
  const arraySources = new Set(
    rules.flatMap((r) => (r.source.kind === "path" && r.source.tail ? [r.source.head.join(".")] : []))
  )
  if (arraySources.size > 1) throw new ErpConfigError(`${where}: array targets must all read the same source array`)
  return { rules }
}

/** Runs a compiled mapping over `input`. */
export function applyMapping(mapping: CompiledMapping, input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const currency =
    typeof (input as { currency_code?: unknown })?.currency_code === "string"
      ? (input as { currency_code: string }).currency_code
      : undefined
  const arrayRules = mapping.rules.filter((r) => r.target.tail)
  for (const rule of mapping.rules) {
    if (rule.target.tail) continue
    setPath(out, rule.target.head, evaluate(rule.source, input, undefined, currency))
  }
  if (arrayRules.length) {
    const sourceArrayRule = arrayRules.find((r) => r.source.kind === "path" && r.source.tail)
    const elements = sourceArrayRule ? asArray(getPath(input, (sourceArrayRule.source as PathSource).head)) : []
    const built = elements.map((element) => {
      const item: Record<string, unknown> = {}
      for (const rule of arrayRules) setPath(item, rule.target.tail!, evaluate(rule.source, input, element, currency))
      return item
    })
    setPath(out, arrayRules[0]!.target.head, built)
  }
  return out
}

function evaluate(
  source: PathSource | LiteralSource,
  root: unknown,
  element: unknown,
  currency: string | undefined
): unknown {
  if (source.kind === "literal") return source.value
  let value = source.tail ? getPath(element, source.tail) : getPath(root, source.head)
  for (const filter of source.filters) value = applyFilter(filter, value, currency)
  return value
}

function applyFilter(filter: Filter, value: unknown, currency: string | undefined): unknown {
  if (filter.name === "default") return value === undefined || value === null ? filter.arg : value
  if (value === undefined || value === null) return value
  switch (filter.name) {
    case "money":
    case "money_string": {
      if (!currency) throw new ErpConfigError("mapping: | money needs a currency_code in the input")
      const text = formatMinor(toMinor(value as string | bigint), currency)
      return filter.name === "money" ? new JsonDecimal(text) : text
    }
    case "decimal":
      return jsonDecimal(String(value), "mapping: | decimal")
    case "string":
      return typeof value === "object" ? JSON.stringify(value) : String(value)
    case "number": {
      const n = Number(value)
      if (!Number.isFinite(n)) throw new ErpConfigError(`mapping: | number got ${JSON.stringify(value)}`)
      return n
    }
    case "upper":
      return String(value).toUpperCase()
    case "lower":
      return String(value).toLowerCase()
    case "date":
      return new Date(String(value)).toISOString().slice(0, 10)
    default:
      return value
  }
}

function parseSource(value: unknown, where: string): PathSource | LiteralSource {
  if (typeof value !== "string") return { kind: "literal", value }
  if (value.startsWith("$$")) return { kind: "literal", value: value.slice(1) }
  if (!value.startsWith("$")) return { kind: "literal", value }
  const [pathText, ...filterTexts] = value.split("|").map((s) => s.trim())
  if (pathText !== "$" && !pathText!.startsWith("$."))
    throw new ErpConfigError(`${where}: source paths start with "$." (got ${JSON.stringify(pathText)})`)
  const path = splitArrayPath(pathText === "$" ? "" : pathText!.slice(2), where)
  const filters = filterTexts.map((text) => {
    const colon = text.indexOf(":")
    const name = colon === -1 ? text : text.slice(0, colon)
    if (!FILTERS.has(name))
      throw new ErpConfigError(`${where}: unknown filter "${name}" (known: ${[...FILTERS].join(", ")})`)
    return colon === -1 ? { name } : { name, arg: text.slice(colon + 1) }
  })
  return { kind: "path", head: path.head, tail: path.tail, filters }
}

function splitArrayPath(text: string, where: string): { head: string[]; tail?: string[] } {
  const parts = text.split("[]")
  if (parts.length > 2) throw new ErpConfigError(`${where}: at most one [] per path`)
  const keys = (s: string): string[] => s.split(".").filter((k) => k.length > 0)
  if (parts.length === 1) return { head: keys(parts[0]!) }
  const head = keys(parts[0]!)
  if (!head.length) throw new ErpConfigError(`${where}: [] needs a key before it`)
  if (parts[1] && !parts[1].startsWith(".")) throw new ErpConfigError(`${where}: expected "." after []`)
  return { head, tail: keys(parts[1]!) }
}

function getPath(value: unknown, keys: string[]): unknown {
  let current = value
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  if (value === undefined || value === null) return
  if (!keys.length) {
    if (value && typeof value === "object" && !Array.isArray(value)) Object.assign(target, value)
    return
  }
  let node = target
  for (const key of keys.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== "object") node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[keys[keys.length - 1]!] = value
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
