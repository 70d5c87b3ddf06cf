import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { OAuthApiService, OAuthClient } from "../../../../lib/oauth/oauth-api-service"
import type { OAuthApi } from "../oauth-apis"

/** What a handler answered: status, headers (lower-case names) and JSON body. */
export type Answered = { status: number; headers: Record<string, string>; body: unknown; next: boolean }

/** A response that records what the handler does with it. */
export function recordingResponse(): { res: MedusaResponse; answered: Answered } {
  const answered: Answered = { status: 200, headers: {}, body: undefined, next: false }
  const res = {
    setHeader(name: string, value: string) {
      answered.headers[name.toLowerCase()] = value
      return res
    },
    status(code: number) {
      answered.status = code
      return res
    },
    json(body: unknown) {
      answered.body = body
      return res
    },
  }
  return { res: res as unknown as MedusaResponse, answered }
}

/** A request to an API whose module service is `service`, from the socket address 203.0.113.9 unless told. */
export function request(
  service: Partial<OAuthApiService>,
  init: { authorization?: string; body?: unknown; socketAddress?: string; forwardedFor?: string } = {}
): MedusaRequest {
  const headers: Record<string, string> = {}
  if (init.authorization) headers.authorization = init.authorization
  if (init.forwardedFor) headers["x-forwarded-for"] = init.forwardedFor
  return {
    headers,
    body: init.body,
    socket: { remoteAddress: init.socketAddress ?? "203.0.113.9" },
    scope: { resolve: () => service },
  } as unknown as MedusaRequest
}

/** An API served by whatever service the request's scope resolves. */
export const TEST_API: OAuthApi<OAuthClient> = {
  name: "erp",
  realm: "backy-test",
  service: (scope) => scope.resolve<OAuthApiService>("test"),
}
