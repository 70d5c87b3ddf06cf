import fc from "fast-check"
import Ajv2020 from "ajv/dist/2020"
import addFormats from "ajv-formats"
import type { OpenApiDocument, OpenApiOperation } from "../../../src/api/openapi/document"
import { valueOf, type JsonSchema } from "./arbitrary"

/** One request the fuzzer sends, and what a refused one must name. */
export type FuzzRequest = {
  operationId: string
  method: string
  path: string
  query: Record<string, string>
  body?: unknown
  /** Set for a request the document says is invalid: the field a 400 must name. */
  invalidField?: string
}

type Parameter = { name: string; in: string; required: boolean; schema: JsonSchema }

/**
 * Requests for one operation, generated from its OpenAPI description: `valid`
 * ones (every parameter and body field as the schema allows) and `invalid`
 * ones, each a valid request with one thing broken (a required field left
 * out, a field of the wrong type, an unknown field, a bad query value, a body
 * that is not an object), kept only when the document itself refuses it.
 */
export class RequestFactory {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false })
  private readonly valid = new Map<string, (value: unknown) => boolean>()

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv)
  }

  private get components(): Record<string, JsonSchema> {
    return this.document.components.schemas
  }

  validRequests(path: string, method: string, op: OpenApiOperation, count: number, seed: number): FuzzRequest[] {
    const arbitrary = this.requestArbitrary(path, method, op)
    return fc.sample(arbitrary, { numRuns: count, seed })
  }

  /** Mutations of `base` (a request the route let through validation), or of a generated one. */
  invalidRequests(path: string, method: string, op: OpenApiOperation, seed: number, base?: FuzzRequest): FuzzRequest[] {
    base ??= this.validRequests(path, method, op, 1, seed)[0]
    const out: FuzzRequest[] = []
    const body = bodySchema(op)
    if (body) {
      const schema = this.resolve(body)
      out.push({ ...base, body: ["not", "an", "object"], invalidField: "body" })
      if (schema.type === "object" && base.body && typeof base.body === "object") {
        const value = base.body as Record<string, unknown>
        const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
        for (const name of (schema.required as string[]) ?? []) {
          const { [name]: _left, ...rest } = value
          out.push({ ...base, body: rest, invalidField: name })
        }
        for (const [name, property] of Object.entries(properties)) {
          const wrong = wrongTypeFor(this.resolve(property))
          out.push({ ...base, body: { ...value, [name]: wrong }, invalidField: name })
        }
        if (schema.additionalProperties === false)
          out.push({ ...base, body: { ...value, zz_unknown_field: 1 }, invalidField: "zz_unknown_field" })
      }
    }
    for (const parameter of queryParameters(op)) {
      const wrong = wrongQueryValue(this.resolve(parameter.schema))
      if (wrong !== undefined)
        out.push({ ...base, query: { ...base.query, [parameter.name]: wrong }, invalidField: parameter.name })
    }
    return out.filter((request) => !this.documentAccepts(op, request))
  }

  /** Whether the request is valid by the document (a mutation that is still valid is not sent as invalid). */
  private documentAccepts(op: OpenApiOperation, request: FuzzRequest): boolean {
    const body = bodySchema(op)
    if (body && !this.validator(`${op.operationId}:body`, body)(request.body)) return false
    for (const parameter of queryParameters(op)) {
      const raw = request.query[parameter.name]
      if (raw === undefined) continue
      if (
        !this.validator(
          `${op.operationId}:q:${parameter.name}`,
          parameter.schema
        )(fromQuery(raw, this.resolve(parameter.schema)))
      )
        return false
    }
    return true
  }

  private validator(key: string, schema: JsonSchema): (value: unknown) => boolean {
    let validate = this.valid.get(key)
    if (!validate) {
      const compiled = this.ajv.compile({ allOf: [schema], components: this.components })
      validate = (value) => compiled(value) as boolean
      this.valid.set(key, validate)
    }
    return validate
  }

  private resolve(schema: JsonSchema): JsonSchema {
    return typeof schema.$ref === "string" ? this.resolve(this.components[schema.$ref.split("/").pop()!]) : schema
  }

  private requestArbitrary(path: string, method: string, op: OpenApiOperation): fc.Arbitrary<FuzzRequest> {
    const query: Record<string, fc.Arbitrary<unknown>> = {}
    const required: string[] = []
    for (const parameter of queryParameters(op)) {
      query[parameter.name] = valueOf(parameter.schema, this.components)
      if (parameter.required) required.push(parameter.name)
    }
    const body = bodySchema(op)
    return fc
      .record({
        id: fc.stringMatching(/^[a-z]{3}_[0-9A-Z]{8}$/),
        query: fc.record(query, { requiredKeys: required }),
        body: body ? valueOf(body, this.components) : fc.constant(undefined),
      })
      .map(({ id, query: values, body: value }) => ({
        operationId: op.operationId,
        method: method.toUpperCase(),
        // Ids nobody has: the route answers 404 after validating what it was sent.
        path: path.replace(/\{[^}]+\}/g, `fuzz${id}`),
        query: Object.fromEntries(Object.entries(values).map(([name, v]) => [name, toQuery(v)])),
        body: value,
      }))
  }
}

function bodySchema(op: OpenApiOperation): JsonSchema | undefined {
  const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content
  return content?.["application/json"]?.schema
}

function queryParameters(op: OpenApiOperation): Parameter[] {
  return ((op.parameters ?? []) as Parameter[]).filter((p) => p.in === "query")
}

function toQuery(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(",")
  return typeof value === "string" ? value : JSON.stringify(value)
}

/** A query value as the schema would read it (numbers and booleans arrive as text). */
function fromQuery(raw: string, schema: JsonSchema): unknown {
  if (schema.type === "integer" || schema.type === "number") return raw.trim() === "" ? raw : Number(raw)
  if (schema.type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw
  return raw
}

/** A value no schema of that type accepts. */
function wrongTypeFor(schema: JsonSchema): unknown {
  switch (schema.type) {
    case "string":
      return { not: "a string" }
    case "integer":
    case "number":
      return "not-a-number"
    case "boolean":
      return "maybe"
    case "array":
      return "not-an-array"
    case "object":
      return 42
    default:
      return { unexpected: ["shape"] }
  }
}

function wrongQueryValue(schema: JsonSchema): string | undefined {
  if (schema.type === "integer" || schema.type === "number") return "not-a-number"
  if (schema.type === "boolean") return "maybe"
  if (Array.isArray(schema.enum)) return "zz-not-a-choice"
  if (schema.format === "date-time" || schema.format === "date") return "not-a-date"
  return undefined
}
