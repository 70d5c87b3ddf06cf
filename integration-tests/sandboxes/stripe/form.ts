import { invalidParam } from "./errors"

/**
 * Parsed `application/x-www-form-urlencoded` body in Stripe's bracket notation:
 * `lines[0][price_data][currency]=usd` → `{ lines: [{ price_data: { currency: "usd" } }] }`.
 */
export type FormValue = string | FormObject | FormValue[]
export interface FormObject {
  [key: string]: FormValue
}

type Container = { isArray: boolean; entries: Map<string, Node> }
type Node = string | Container

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"])

export function parseForm(body: string): FormObject {
  const root: Container = { isArray: false, entries: new Map() }
  for (const pair of body.split("&")) {
    if (!pair) continue
    const eq = pair.indexOf("=")
    const rawKey = eq === -1 ? pair : pair.slice(0, eq)
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1)
    insert(root, splitKey(decode(rawKey)), decode(rawValue))
  }
  return toValue(root) as FormObject
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "))
  } catch {
    throw invalidParam(s, `Invalid URL encoding in request body near '${s}'.`)
  }
}

/** `a[b][0]` → ["a", "b", "0"]; `a[]` → ["a", ""] (append). */
function splitKey(key: string): string[] {
  const open = key.indexOf("[")
  if (open === -1) return [key]
  const segments = [key.slice(0, open)]
  const rest = key.slice(open)
  const re = /\[([^[\]]*)\]/g
  let consumed = 0
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) break
    segments.push(m[1])
    consumed = re.lastIndex
  }
  if (consumed !== rest.length || segments[0] === "") {
    throw invalidParam(key, `Invalid parameter name: ${key}`)
  }
  return segments
}

function insert(root: Container, path: string[], value: string): void {
  let node = root
  for (let i = 0; i < path.length; i++) {
    let segment = path[i]
    if (FORBIDDEN_KEYS.has(segment)) throw invalidParam(path.join("."), `Invalid parameter name: ${segment}`)
    const indexLike = segment === "" || /^\d+$/.test(segment)
    if (i > 0 && node.entries.size === 0) node.isArray = indexLike
    else if (!indexLike) node.isArray = false
    if (segment === "") segment = String(node.entries.size)
    const isLeaf = i === path.length - 1
    const existing = node.entries.get(segment)
    if (isLeaf) {
      if (typeof existing === "object") throw conflict(path)
      node.entries.set(segment, value)
      return
    }
    if (typeof existing === "string") throw conflict(path)
    const child: Container = existing ?? { isArray: false, entries: new Map() }
    node.entries.set(segment, child)
    node = child
  }
}

function conflict(path: string[]) {
  const name =
    path[0] +
    path
      .slice(1)
      .map((s) => `[${s}]`)
      .join("")
  return invalidParam(name, `Invalid value for ${name}: it is given both as a value and as a nested object.`)
}

function toValue(node: Node): FormValue {
  if (typeof node === "string") return node
  if (node.isArray) {
    // Sparse or out-of-order indexes keep their relative order, like Stripe.
    return [...node.entries.entries()]
      .map(([k, v]): [number, Node] => [Number(k), v])
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => toValue(v))
  }
  const out: FormObject = {}
  for (const [k, v] of node.entries) out[k] = toValue(v)
  return out
}
