import { ApiError, invalidParam, missingParam, unknownParam } from "../errors"
import type { FormObject, FormValue } from "../form"
import { eventObjectName, OBJECTS } from "./contract"
import type { EndpointContract, Schema } from "./schema"

/**
 * Checks against the contract (contract.ts). Requests: the decoded form (or
 * query) of one call, answered the way Stripe answers a bad parameter — the
 * first problem as a 400 naming the bracketed parameter. Responses: every
 * problem in a JSON answer, each with its path (a sandbox bug, not a client's).
 */

// ── Requests ─────────────────────────────────────────────────────────────────

/** The first parameter Stripe would refuse, as the ApiError Stripe answers with; undefined when all conform. */
export function checkRequest(endpoint: EndpointContract, params: FormObject): ApiError | undefined {
  return checkParam(endpoint.params, params, "")
}

const child = (name: string, key: string | number) => (name ? `${name}[${key}]` : String(key))
const isHash = (v: FormValue | undefined): v is FormObject => typeof v === "object" && v !== null && !Array.isArray(v)

/** Stripe's parameter_invalid_empty: "" unsets a parameter, and this one cannot be unset. */
const invalidEmpty = (name: string) =>
  invalidParam(
    name,
    `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
    "parameter_invalid_empty"
  )

/** Stripe shows a long value by its ends: "Lottery Re...iting line". */
const elide = (v: string) => (v.length > 25 ? `${v.slice(0, 10)}...${v.slice(-10)}` : v)

const listed = (values: readonly (string | boolean)[]) => {
  const shown = values.map((v) => (v === "" ? '""' : String(v)))
  return shown.length <= 2 ? shown.join(" or ") : `${shown.slice(0, -1).join(", ")}, or ${shown[shown.length - 1]}`
}

function checkParam(schema: Schema, value: FormValue, name: string): ApiError | undefined {
  if (value === "" && schema.emptyable) return undefined
  if (schema.anyOf) return checkAnyOf(schema, value, name)
  switch (schema.type) {
    case "string":
      return checkString(schema, value, name)
    case "integer":
      if (value === "") return invalidEmpty(name)
      if (typeof value !== "string" || !/^-?\d+$/.test(value)) {
        return invalidParam(
          name,
          `Invalid integer: ${typeof value === "string" ? value : name}`,
          "parameter_invalid_integer"
        )
      }
      return undefined
    case "number":
      if (value === "") return invalidEmpty(name)
      if (typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value))
        return invalidParam(name, `Invalid number: ${typeof value === "string" ? value : name}`)
      return undefined
    case "boolean":
      if (value === "") return invalidEmpty(name)
      if (value !== "true" && value !== "false")
        return invalidParam(name, `Invalid boolean: ${typeof value === "string" ? value : name}`)
      return undefined
    case "array":
      if (value === "") return invalidEmpty(name)
      if (!Array.isArray(value)) return invalidParam(name, `Invalid array: ${name} must be an array.`)
      for (let i = 0; i < value.length; i++) {
        const problem = checkParam(schema.items as Schema, value[i], child(name, i))
        if (problem) return problem
      }
      return undefined
    case "object":
      return checkHash(schema, value, name)
    default:
      throw new Error(`Stripe sandbox contract: ${name || "(root)"} has no type`)
  }
}

function checkString(schema: Schema, value: FormValue, name: string): ApiError | undefined {
  if (typeof value !== "string") return invalidParam(name, `Invalid string: ${name} must be a string.`)
  if (schema.enum && !schema.open && !schema.enum.includes(value)) {
    return invalidParam(name, `Invalid ${name}: must be one of ${listed(schema.enum)}`)
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    return invalidParam(name, `Invalid string: ${elide(value)}; must be at most ${schema.maxLength} characters`)
  }
  if (schema.format === "decimal" && value !== "" && !/^-?\d+(\.\d+)?$/.test(value)) {
    return invalidParam(name, `Invalid decimal: ${value}`)
  }
  return undefined
}

function checkHash(schema: Schema, value: FormValue, name: string): ApiError | undefined {
  if (value === "") return invalidEmpty(name)
  if (!isHash(value)) return invalidParam(name, `Invalid object: ${name} must be a hash.`)
  if (schema.opaque) return undefined
  const properties = schema.properties ?? {}
  for (const key of Object.keys(value)) {
    if (!(key in properties) && !schema.additionalProperties) return unknownParam(child(name, key))
  }
  for (const key of schema.required ?? []) {
    const v = value[key]
    if (v === undefined || (v === "" && properties[key]?.type === "string" && !properties[key]?.emptyable)) {
      return missingParam(child(name, key))
    }
  }
  for (const [key, v] of Object.entries(value)) {
    const s: Schema | true | undefined = key in properties ? properties[key] : schema.additionalProperties
    if (s === true || s === undefined) continue
    const problem = checkParam(s, v, child(name, key))
    if (problem) return problem
  }
  return undefined
}

/** The alternative whose shape the value has explains the failure (a hash is not "an invalid integer"). */
function checkAnyOf(schema: Schema, value: FormValue, name: string): ApiError | undefined {
  const problems: ApiError[] = []
  for (const alternative of schema.anyOf ?? []) {
    const problem = checkParam(alternative, value, name)
    if (!problem) return undefined
    problems.push(problem)
  }
  const shape = isHash(value) ? "object" : Array.isArray(value) ? "array" : "scalar"
  const index = (schema.anyOf ?? []).findIndex(
    (a) => (a.type === "object" || a.type === "array" ? a.type : "scalar") === shape
  )
  return problems[index === -1 ? 0 : index]
}

// ── Responses ────────────────────────────────────────────────────────────────

/** Every way `value` differs from `schema`, each as "<path>: <problem>"; empty when it conforms. */
export function checkResponse(schema: Schema, value: unknown, path = "response"): string[] {
  const problems: string[] = []
  checkJson(schema, value, path, problems)
  return problems
}

/** An event as the sandbox emits it: the event object, and `data.object` as the object its type names. */
export function checkEvent(event: unknown, path = "event"): string[] {
  const problems = checkResponse({ ref: "event" }, event, path)
  const e = event as { type?: unknown; data?: { object?: unknown; previous_attributes?: Record<string, unknown> } }
  const name = typeof e?.type === "string" ? eventObjectName(e.type) : undefined
  if (!name) {
    problems.push(`${path}.type: ${String(e?.type)} names no object the contract describes`)
    return problems
  }
  checkJson({ ref: name }, e.data?.object, `${path}.data.object`, problems)
  // previous_attributes holds old values of the object's own fields.
  const fields = OBJECTS[name].properties ?? {}
  for (const [key, old] of Object.entries(e.data?.previous_attributes ?? {})) {
    const field = fields[key]
    if (!field) problems.push(`${path}.data.previous_attributes.${key}: not a field of ${name}`)
    else checkJson(field, old, `${path}.data.previous_attributes.${key}`, problems)
  }
  return problems
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)
const isEmpty = (v: unknown) =>
  v === null || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0)

function checkJson(schema: Schema, value: unknown, path: string, problems: string[]): void {
  if (schema.ref) {
    const target = OBJECTS[schema.ref]
    if (value === null && schema.nullable) return
    return checkJson(target, value, path, problems)
  }
  if (value === null) {
    if (!schema.nullable && !schema.unmodelled) problems.push(`${path}: null, but the field is not nullable`)
    return
  }
  if (schema.unmodelled) {
    if (!isEmpty(value))
      problems.push(
        `${path}: has content, which the contract does not describe (the sandbox should return it null or empty)`
      )
    return
  }
  if (schema.anyOf) {
    const attempts = schema.anyOf.map((alternative) => {
      const found: string[] = []
      checkJson(alternative, value, path, found)
      return found
    })
    if (!attempts.some((found) => found.length === 0)) problems.push(...attempts[0])
    return
  }
  const type = (expected: string): void => {
    problems.push(`${path}: expected ${expected}, got ${JSON.stringify(value)?.slice(0, 60)}`)
  }
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") return type("a string")
      if (schema.enum && !schema.open && !schema.enum.includes(value))
        problems.push(`${path}: "${value}" is not one of ${listed(schema.enum)}`)
      if (schema.maxLength !== undefined && value.length > schema.maxLength)
        problems.push(`${path}: longer than ${schema.maxLength} characters`)
      if (schema.format === "decimal" && !/^-?\d+(\.\d+)?$/.test(value))
        problems.push(`${path}: "${value}" is not a decimal string`)
      return
    case "integer":
      if (!Number.isInteger(value)) type("an integer")
      return
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) type("a number")
      return
    case "boolean":
      if (typeof value !== "boolean") return type("a boolean")
      if (schema.enum && !schema.enum.includes(value))
        problems.push(`${path}: ${value} is not one of ${listed(schema.enum)}`)
      return
    case "array":
      if (!Array.isArray(value)) return type("an array")
      value.forEach((item, i) => checkJson(schema.items as Schema, item, `${path}[${i}]`, problems))
      return
    case "object": {
      if (!isPlainObject(value)) return type("an object")
      if (schema.opaque) return
      const properties = schema.properties ?? {}
      for (const [key, v] of Object.entries(value)) {
        const field: Schema | true | undefined = key in properties ? properties[key] : schema.additionalProperties
        if (field === undefined) problems.push(`${path}.${key}: not a field of this object in Stripe's document`)
        else if (field !== true) checkJson(field, v, `${path}.${key}`, problems)
      }
      for (const key of schema.required ?? []) {
        if (!(key in value)) problems.push(`${path}.${key}: required by Stripe's document, missing`)
      }
      return
    }
    default:
      throw new Error(`Stripe sandbox contract: ${path} has no type`)
  }
}
