/** A JSON Schema (draft 2020-12) document or fragment. */
export type JsonSchema = { [keyword: string]: unknown }

/**
 * One event type of the catalogue. `version` is the version of its payload
 * schema: additive changes (a new optional field) keep it, anything a
 * receiver could trip over (a removed or retyped field) bumps it.
 */
export interface EventTypeDefinition<Type extends string = string> {
  type: Type
  version: number
  /** What `resource.type` names in the payload. */
  resource: "order" | "invoice" | "approval_request" | "quote" | "webhook_endpoint"
  description: string
  /** Schema of the payload's `data` member. */
  data: JsonSchema
  /** False for types an endpoint cannot subscribe to (`webhook.test` goes to one endpoint on request). */
  subscribable: boolean
}

export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] })

/** An integer amount in minor units, as a string (it may exceed 2^53). */
export const MINOR_AMOUNT: JsonSchema = { type: "string", pattern: "^-?[0-9]+$" }
export const DATE_TIME: JsonSchema = { type: "string", format: "date-time" }
