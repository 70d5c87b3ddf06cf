import type { z } from "@medusajs/framework/zod"

/**
 * One operation of backy's HTTP API as the OpenAPI documents describe it.
 *
 * Each API area lists its operations next to its routes and middlewares, in
 * an `openapi.ts` (as `middlewares.ts` lists their validation): the request
 * schemas are the very zod objects the middlewares validate with (a spec
 * checks that they are the same objects), and the response schemas are the
 * ones the contract tests hold every response of the HTTP specs to.
 */
export type Operation = {
  method: HttpMethod
  /** OpenAPI form: `/partners/endpoints/{id}`. */
  path: string
  /** Unique, camelCase: what a generated client names the call. */
  operationId: string
  summary: string
  description?: string
  tags: string[]
  /** Which published documents carry it (every operation is in the staff document). */
  audiences: Audience[]
  /** Alternatives: any one of them lets the caller in; empty for a public route. */
  security: SecurityName[]
  /** Scopes the bearer token must carry (machine APIs). */
  scopes?: string[]
  /** Path parameters; default: each `{name}` of the path as a non-empty string. */
  params?: z.ZodObject
  query?: z.ZodType
  body?: z.ZodType
  /** The body may be left out altogether (what happens then, the description says). */
  bodyOptional?: true
  /** Default application/json; the token endpoints also take form bodies. */
  bodyContentTypes?: string[]
  /** Success responses and any error with its own body (the token endpoints' RFC 6749 errors). */
  responses: Record<number, ResponseSpec>
  /** Error statuses in the API's error shape beyond the defaults (400; 401/403 when secured; 404 with path parameters; 413/415 with a body). */
  errors?: number[]
  /** The route reads its body itself (the token endpoints: form or JSON, RFC 6749 errors); no validation middleware to match. */
  validatedByRoute?: true
  /** Medusa's own route (the payment webhook): no route file of backy's to match. */
  medusaRoute?: true
}

export type HttpMethod = "get" | "post" | "delete"

export type ResponseSpec = {
  description: string
  /** The body; absent for an empty one. */
  schema?: z.ZodType
  /** Default application/json. */
  contentType?: string
  headers?: Record<string, { description: string; schema: { type: "string" | "integer" } }>
}

/** erp: ERP systems (/erp); partners: webhook partners (/partners); store: storefronts (/store/b2b); staff: everything. */
export type Audience = "erp" | "partners" | "store" | "staff"

export type SecurityName =
  | "erpToken"
  | "partnerToken"
  | "adminBearer"
  | "adminSession"
  | "adminApiKey"
  | "customerBearer"
  | "customerSession"
  | "metricsToken"
  | "stripeSignature"

/** The ways staff reach the admin API, as Medusa's admin authentication accepts them. */
export const STAFF: SecurityName[] = ["adminBearer", "adminSession", "adminApiKey"]
/** A logged-in customer of the storefront (with the publishable key every /store request carries). */
export const CUSTOMER: SecurityName[] = ["customerBearer", "customerSession"]
