/** Stripe's error envelope: `{ error: { type, code?, param?, message } }`. */
export interface StripeErrorBody {
  error: { type: string; code?: string; param?: string; message: string }
}

/**
 * Thrown by handlers; the server turns it into the HTTP answer.
 * `storable: false` marks parameter-validation failures, which Stripe does not
 * save under an idempotency key (the endpoint never began executing).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly storable = true
  ) {
    super(message)
  }

  toBody(): StripeErrorBody {
    const error: StripeErrorBody["error"] = { type: this.type, message: this.message }
    if (this.code) error.code = this.code
    if (this.param) error.param = this.param
    return { error }
  }
}

const INVALID = "invalid_request_error"

export const missingParam = (param: string) =>
  new ApiError(400, INVALID, `Missing required param: ${param}.`, "parameter_missing", param, false)

export const unknownParam = (param: string) =>
  new ApiError(400, INVALID, `Received unknown parameter: ${param}`, "parameter_unknown", param, false)

export const invalidParam = (param: string, message: string, code?: string) =>
  new ApiError(400, INVALID, message, code, param, false)

/** Unknown id in the URL (404) or in a body parameter (400), as Stripe answers. */
export const noSuch = (what: string, id: string, param = "id") =>
  new ApiError(param === "id" ? 404 : 400, INVALID, `No such ${what}: '${id}'`, "resource_missing", param)

/** A transition or edit not allowed from the invoice's current status. */
export const notEditable = (message: string) => new ApiError(400, INVALID, message, "invoice_not_editable")

export const badRequest = (message: string, code?: string, param?: string) =>
  new ApiError(400, INVALID, message, code, param)

export const invalidApiKey = (key: string) =>
  new ApiError(401, INVALID, `Invalid API Key provided: ${maskKey(key)}`, undefined, undefined, false)

export const noApiKey = () =>
  new ApiError(
    401,
    INVALID,
    "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    undefined,
    undefined,
    false
  )

/** Stripe shows only the key's start and last four characters. */
function maskKey(key: string): string {
  return key.length <= 12
    ? key.replace(/.(?=.{4})/g, "*")
    : `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}`
}

export const unrecognizedUrl = (method: string, path: string) =>
  new ApiError(
    404,
    INVALID,
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    undefined,
    undefined,
    false
  )
