import Ajv2020 from "ajv/dist/2020"
import addFormats from "ajv-formats"
import type { ValidateFunction } from "ajv"
import { defaultErrorStatuses, type OpenApiDocument } from "../../../src/api/openapi/document"
import type { Operation } from "../../../src/api/openapi/operation"
import { OperationIndex } from "./match-operation"

export type ContractViolation = { request: string; status: number; problem: string }

/**
 * Holds HTTP answers to the published OpenAPI document: the answer of a
 * documented operation must have a documented status, and its JSON body must
 * validate against the document's schema for that status (JSON Schema
 * 2020-12, with ajv). Requests to Medusa's own routes are not ours to check.
 */
export class ContractValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true })
  private readonly index: OperationIndex
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor(
    private readonly document: OpenApiDocument,
    operations: Operation[]
  ) {
    addFormats(this.ajv)
    this.index = new OperationIndex(operations)
  }

  /** The problem with this answer, or undefined when it is as documented (or not one of backy's operations). */
  check(method: string, path: string, status: number, contentType: string | undefined, body: unknown) {
    const op = this.index.find(method, path)
    if (!op) return undefined
    const request = `${method.toUpperCase()} ${path.split("?")[0]} (${op.operationId})`
    const documented = this.document.paths[op.path]?.[op.method]?.responses?.[String(status)] as
      | { content?: Record<string, { schema: unknown }> }
      | undefined
    if (!documented) {
      const listed = Object.keys(this.document.paths[op.path]?.[op.method]?.responses ?? {}).join(", ")
      return { request, status, problem: `status ${status} is not documented (documented: ${listed})` }
    }
    if (!documented.content) return undefined
    const [type, media] = Object.entries(documented.content)[0]
    const actualType = (contentType ?? "").split(";")[0].trim()
    if (actualType !== type)
      return { request, status, problem: `content-type ${actualType || "none"}, documented ${type}` }
    if (type !== "application/json") return undefined
    const validate = this.validatorFor(`${op.operationId}:${status}`, media.schema)
    if (validate(body)) return undefined
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || "(body)"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`)
    return { request, status, problem: `body does not match the documented schema: ${errors.join("; ")}` }
  }

  /** The statuses answered in the error shape without being listed by the operation (for the fuzz test). */
  errorStatuses(op: Operation): number[] {
    return defaultErrorStatuses(op)
  }

  private validatorFor(key: string, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(key)
    if (!validate) {
      // The document's components travel with each schema so that its #/components/... refs resolve.
      // (Wrapped in allOf: ajv resolves a $ref at the root of a schema in a loop.)
      validate = this.ajv.compile({ allOf: [schema], components: this.document.components })
      this.compiled.set(key, validate)
    }
    return validate
  }
}
