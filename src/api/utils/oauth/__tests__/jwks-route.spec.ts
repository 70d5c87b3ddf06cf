import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { OAuthApiService } from "../../../../lib/oauth/oauth-api-service"
import { jwksRoute } from "../jwks-route"
import { recordingResponse, TEST_API } from "./fakes"

/** A request whose scope resolves the API's service and a logger that records. */
function requestWith(service: Partial<OAuthApiService>, logged: string[]): MedusaRequest {
  const logger = { error: (message: string) => logged.push(message) }
  return {
    headers: {},
    scope: { resolve: (key: string) => (key === ContainerRegistrationKeys.LOGGER ? logger : service) },
  } as unknown as MedusaRequest
}

describe("jwksRoute", () => {
  it("publishes the keys, cacheable for a minute", async () => {
    const keys = [{ kty: "EC", kid: "k1", crv: "P-256", x: "x", y: "y" }]
    const { res, answered } = recordingResponse()
    await jwksRoute(TEST_API)(requestWith({ publishedSigningKeys: async () => keys as never }, []), res)
    expect(answered).toMatchObject({ status: 200, body: { keys }, headers: { "cache-control": "public, max-age=60" } })
  })

  it("answers a failed key read with a fixed 503 and logs the cause, never echoing it", async () => {
    const logged: string[] = []
    const failing = {
      publishedSigningKeys: async () => {
        throw new Error('relation "erp_signing_key" does not exist at 10.0.3.7:5432')
      },
    }
    const { res, answered } = recordingResponse()
    await jwksRoute(TEST_API)(requestWith(failing, logged), res)
    expect(answered.status).toBe(503)
    expect(answered.body).toEqual({ type: "unavailable", message: "The signing keys are temporarily unavailable" })
    expect(JSON.stringify(answered.body)).not.toContain("10.0.3.7")
    expect(answered.headers["cache-control"]).toBeUndefined()
    expect(logged).toEqual([expect.stringContaining("erp_signing_key")])
  })
})
