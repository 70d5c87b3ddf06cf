import fc from "fast-check"

export type JsonSchema = { [keyword: string]: unknown }

/**
 * A fast-check arbitrary of the values a JSON Schema (2020-12, the subset
 * zod writes into the OpenAPI documents) accepts: what a well-behaved client
 * could send. `$ref`s resolve against the document's components.
 */
export function valueOf(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null)
  const next = (s: JsonSchema) => valueOf(s, components, depth + 1)
  if (typeof schema.$ref === "string") return next(components[schema.$ref.split("/").pop()!])
  if ("const" in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
  if (Array.isArray(schema.anyOf)) return fc.oneof(...(schema.anyOf as JsonSchema[]).map(next))
  if (Array.isArray(schema.oneOf)) return fc.oneof(...(schema.oneOf as JsonSchema[]).map(next))
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return next(schema.allOf[0] as JsonSchema)
  switch (schema.type) {
    case "string":
      return stringOf(schema)
    case "integer":
      return fc.integer({ min: bound(schema, "minimum", -1000), max: bound(schema, "maximum", 100_000) })
    case "number":
      return fc.double({
        min: bound(schema, "minimum", -1000),
        max: bound(schema, "maximum", 100_000),
        noNaN: true,
        noDefaultInfinity: true,
      })
    case "boolean":
      return fc.boolean()
    case "null":
      return fc.constant(null)
    case "array":
      return fc.array(next((schema.items as JsonSchema) ?? {}), {
        minLength: (schema.minItems as number) ?? 0,
        maxLength: Math.min((schema.maxItems as number) ?? 3, Math.max((schema.minItems as number) ?? 0, 3)),
      })
    case "object":
      return objectOf(schema, next)
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null))
  }
}

function bound(schema: JsonSchema, keyword: "minimum" | "maximum", fallback: number): number {
  const value = schema[keyword] as number | undefined
  const exclusive = schema[`exclusive${keyword[0].toUpperCase()}${keyword.slice(1)}`] as number | undefined
  if (exclusive !== undefined) return keyword === "minimum" ? exclusive + 1 : exclusive - 1
  if (value === undefined) return fallback
  // Keep generated numbers in a range a test database and JSON both hold exactly.
  return keyword === "minimum" ? Math.max(value, -1e9) : Math.min(value, 1e9)
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number) ?? 0
  const maxLength = Math.min((schema.maxLength as number) ?? 40, minLength + 40)
  const fit = (arb: fc.Arbitrary<string>) =>
    arb.filter((s) => s.length >= minLength && s.length <= ((schema.maxLength as number) ?? Infinity))
  switch (schema.format) {
    case "date-time":
      return fc
        .date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString())
    case "date":
      return fc
        .date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10))
    case "email":
      return fit(fc.emailAddress())
    case "uri":
    case "url":
      return fit(fc.webUrl())
    case "uuid":
      return fc.uuid()
  }
  if (typeof schema.pattern === "string") return fit(fc.stringMatching(new RegExp(schema.pattern)))
  return fc.string({ minLength, maxLength, unit: "grapheme-ascii" })
}

function objectOf(schema: JsonSchema, next: (s: JsonSchema) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((schema.required as string[]) ?? [])
  const shape: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [name, property] of Object.entries(properties)) shape[name] = next(property)
  if (
    Object.keys(shape).length === 0 &&
    schema.additionalProperties &&
    typeof schema.additionalProperties === "object"
  ) {
    const keys = (schema.propertyNames as JsonSchema) ?? { type: "string", minLength: 1, maxLength: 20 }
    return fc.dictionary(
      stringOf({ ...keys, pattern: keys.pattern ?? "^[a-z][a-z0-9_]{0,19}$" }),
      next(schema.additionalProperties as JsonSchema),
      {
        maxKeys: 3,
      }
    )
  }
  return fc.record(shape, { requiredKeys: [...required].filter((key) => key in shape) })
}
