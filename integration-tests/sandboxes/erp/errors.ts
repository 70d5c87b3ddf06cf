import { randomUUID } from "node:crypto"
import { reply, type Reply } from "./http"
import type { SandboxKind } from "./store"

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  409: "Conflict",
  412: "Precondition Failed",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
}

/** An error answer in the vendor's documented body shape. */
export function vendorError(
  kind: SandboxKind,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>
): Reply {
  if (kind === "netsuite") {
    // Oracle, "Error Handling in REST Web Services" (section_156570709583).
    return reply(
      status,
      {
        type: `https://www.rfc-editor.org/rfc/rfc9110.html#status.${status}`,
        title: TITLES[status] ?? "Error",
        status,
        "o:errorDetails": [{ detail: message, "o:errorCode": code }],
      },
      headers
    )
  }
  if (kind === "business-central") {
    // OData error, with BC's trailing correlation id.
    return reply(status, { error: { code, message: `${message}  CorrelationId:  ${randomUUID()}.` } }, headers)
  }
  return reply(status, { error: { code, message } }, headers)
}

/** The vendor's code for "slow down" / "unavailable" / a generic injected failure. */
export const THROTTLE_CODE: Record<SandboxKind, string> = {
  netsuite: "CONCURRENCY_LIMIT_EXCEEDED",
  "business-central": "Application_TooManyRequests",
  generic: "rate_limited",
}

export const UNAVAILABLE_CODE: Record<SandboxKind, string> = {
  netsuite: "SERVICE_UNAVAILABLE",
  "business-central": "Internal_ServiceUnavailable",
  generic: "unavailable",
}
