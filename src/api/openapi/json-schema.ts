import { z } from "@medusajs/framework/zod"
import { documentMetadata } from "./schemas"

export type JsonSchema = { [keyword: string]: unknown }

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), with zod's own
 * converter. Requests are described as the client writes them (`io: input`:
 * an amount may be an integer string), responses as the API writes them
 * (`io: output`: objects closed). Named schemas (`named(id, schema)`) are moved
 * to `components.schemas`, into `components`.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>) {
  const converted = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    metadata: documentMetadata as never,
  }) as JsonSchema
  delete converted.$schema
  const defs = (converted.$defs ?? {}) as Record<string, JsonSchema>
  delete converted.$defs
  for (const [id, def] of Object.entries(defs)) components[id] = rewriteRefs(def) as JsonSchema
  // A named schema at the top is written in place with its id; refer to it instead.
  if (typeof converted.id === "string") {
    const id = converted.id
    delete converted.id
    components[id] = rewriteRefs(converted) as JsonSchema
    return { $ref: `#/components/schemas/${id}` }
  }
  return rewriteRefs(converted) as JsonSchema
}

const VALUE_KEYWORDS = new Set(["const", "default", "enum", "example", "examples"])

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs)
  if (value === null || typeof value !== "object") return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    // Values, not schemas: left as written.
    if (VALUE_KEYWORDS.has(key)) out[key] = inner
    // The name zod writes into a named schema; the document names it by its place in components.
    else if (key === "id" && typeof inner === "string") continue
    else if (key === "$ref" && typeof inner === "string" && inner.startsWith("#/$defs/"))
      out[key] = `#/components/schemas/${inner.slice("#/$defs/".length)}`
    else out[key] = rewriteRefs(inner)
  }
  return out
}
