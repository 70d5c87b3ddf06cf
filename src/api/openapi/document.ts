import type { Audience, Operation, ResponseSpec, SecurityName } from "./operation"
import { toJsonSchema } from "./json-schema"
import type { JsonSchema } from "./json-schema"
import { ApiErrorBody, MedusaUnauthorizedBody } from "./schemas"
import { SECURITY_SCHEMES } from "./security"
import { TAG_DESCRIPTIONS } from "./tags"
import { webhookOperations } from "./webhooks"

export type OpenApiDocument = {
  openapi: "3.1.0"
  info: { title: string; version: string; description: string; license: { name: string; identifier?: string } }
  servers: { url: string }[]
  paths: Record<string, Record<string, OpenApiOperation>>
  webhooks?: Record<string, unknown>
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> }
  tags: { name: string; description: string }[]
}

export type OpenApiOperation = {
  operationId: string
  summary: string
  description?: string
  tags: string[]
  security: Record<string, string[]>[]
  parameters?: unknown[]
  requestBody?: unknown
  responses: Record<string, unknown>
}

const TITLES: Record<Audience, { title: string; description: string }> = {
  erp: {
    title: "backy ERP API",
    description:
      "What an ERP system calls: the order feed it pulls, acknowledgements, shipments. Machine clients authenticate with OAuth 2.0 client credentials.",
  },
  partners: {
    title: "backy partner API",
    description:
      "What a partner calls to manage its webhook endpoints and read its delivery log, and (under `webhooks`) the signed events the hub sends to those endpoints (Standard Webhooks).",
  },
  store: {
    title: "backy storefront B2B API",
    description:
      "The B2B calls a Medusa storefront makes for a logged-in buyer: company, contract prices, approvals, quotes, invoices. Every request carries the publishable key.",
  },
  staff: {
    title: "backy API (staff)",
    description:
      "Every route backy adds to Medusa: the admin, store, ERP and partner APIs, the operations routes, and the events it sends.",
  },
}

/** Error statuses whose body is the API's error shape, and what they mean. */
const ERROR_TEXT: Record<number, string> = {
  400: "A parameter or field is invalid; the message names it",
  401: "Not authenticated",
  403: "Authenticated, but not allowed",
  404: "Not found (or not visible to the caller)",
  405: "Method not allowed",
  409: "Conflicts with the resource's current state",
  413: "Body too large",
  415: "Body is not JSON",
  422: "Understood but refused by a downstream system",
  429: "Too many requests; see Retry-After",
  502: "A downstream system failed",
  503: "Not ready",
}

/** The OpenAPI 3.1 document of `operations` for one audience. */
export function buildOpenApiDocument(audience: Audience, operations: Operation[], version: string): OpenApiDocument {
  const components: Record<string, JsonSchema> = {}
  const paths: OpenApiDocument["paths"] = {}
  const tags = new Set<string>()
  const included = operations.filter((op) => audience === "staff" || op.audiences.includes(audience))
  for (const op of included) {
    paths[op.path] ??= {}
    paths[op.path][op.method] = toOpenApiOperation(op, components)
    op.tags.forEach((tag) => tags.add(tag))
  }
  const webhooks =
    audience === "partners" || audience === "staff" ? webhookOperations(audience === "partners") : undefined
  if (webhooks) tags.add("Webhook events")
  // Writes components.ApiError and MedusaUnauthorized (what the error responses refer to).
  toJsonSchema(ApiErrorBody, "output", components)
  if (included.some((op) => op.security.some((name) => MEDUSA_AUTH.has(name))))
    toJsonSchema(MedusaUnauthorizedBody, "output", components)
  return {
    openapi: "3.1.0",
    info: {
      ...TITLES[audience],
      version,
      license: { name: "Proprietary", identifier: "LicenseRef-backy-proprietary" },
    },
    servers: [{ url: "/" }],
    paths,
    ...(webhooks ? { webhooks } : {}),
    components: { schemas: components, securitySchemes: usedSchemes(included) },
    tags: [...tags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? "" })),
  }
}

function toOpenApiOperation(op: Operation, components: Record<string, JsonSchema>): OpenApiOperation {
  const parameters = [...pathParameters(op, components), ...queryParameters(op, components)]
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    security: securityRequirements(op),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: requestBody(op, components) } : {}),
    responses: responses(op, components),
  }
}

function securityRequirements(op: Operation): Record<string, string[]>[] {
  // Every /store request carries the publishable key, with or without a customer.
  const store = op.path.startsWith("/store/")
  if (op.security.length === 0) return store ? [{ publishableKey: [] }] : []
  return op.security.map((name) => {
    const scopes = name === "erpToken" || name === "partnerToken" ? (op.scopes ?? []) : []
    return store ? { publishableKey: [], [name]: scopes } : { [name]: scopes }
  })
}

function usedSchemes(operations: Operation[]): Record<string, unknown> {
  const names = new Set<string>(operations.flatMap((op) => op.security))
  if (operations.some((op) => op.path.startsWith("/store/"))) names.add("publishableKey")
  return Object.fromEntries(Object.entries(SECURITY_SCHEMES).filter(([name]) => names.has(name)))
}

function pathParameters(op: Operation, components: Record<string, JsonSchema>) {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
  const schema = op.params
    ? (toJsonSchema(op.params, "input", components).properties as Record<string, JsonSchema>)
    : {}
  return names.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: schema[name] ?? { type: "string", minLength: 1 },
  }))
}

function queryParameters(op: Operation, components: Record<string, JsonSchema>) {
  if (!op.query) return []
  const schema = toJsonSchema(op.query, "input", components)
  const required = new Set((schema.required as string[] | undefined) ?? [])
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: "query",
      required: required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
      ...(rest.type === "array" ? { style: "form", explode: true } : {}),
    }
  })
}

function requestBody(op: Operation, components: Record<string, JsonSchema>) {
  const schema = toJsonSchema(op.body!, "input", components)
  const types = op.bodyContentTypes ?? ["application/json"]
  return { required: !op.bodyOptional, content: Object.fromEntries(types.map((type) => [type, { schema }])) }
}

const MEDUSA_AUTH = new Set<SecurityName>([
  "adminBearer",
  "adminSession",
  "adminApiKey",
  "customerBearer",
  "customerSession",
])

/** The statuses an operation answers in the error shape without declaring them. */
export function defaultErrorStatuses(op: Operation): number[] {
  const statuses = new Set([400, ...(op.errors ?? [])])
  if (op.security.length) [401, 403].forEach((s) => statuses.add(s))
  if (op.path.includes("{")) statuses.add(404)
  if (op.body) statuses.add(415)
  // Medusa's body parser reads every POST and DELETE, with a body documented or not.
  if (op.body || op.method !== "get") statuses.add(413)
  for (const status of Object.keys(op.responses)) statuses.delete(Number(status))
  return [...statuses].sort()
}

function responses(op: Operation, components: Record<string, JsonSchema>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [status, spec] of Object.entries(op.responses)) out[status] = response(spec, components)
  for (const status of defaultErrorStatuses(op)) {
    // Medusa's authentication refuses admin and store callers before backy's code runs, in its own shape.
    const schema =
      status === 401 && op.security.some((name) => MEDUSA_AUTH.has(name)) ? "MedusaUnauthorized" : "ApiError"
    out[String(status)] = {
      description: ERROR_TEXT[status] ?? "Error",
      content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
    }
  }
  return out
}

function response(spec: ResponseSpec, components: Record<string, JsonSchema>) {
  const type = spec.contentType ?? "application/json"
  return {
    description: spec.description,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.schema ? { content: { [type]: { schema: toJsonSchema(spec.schema, "output", components) } } } : {}),
  }
}
