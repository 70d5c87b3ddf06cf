import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaRequest } from "@medusajs/framework/http"
import { toApiError } from "../error-handler"

const post = { method: "POST", path: "/erp/orders/ord_1/ack", body: {} } as unknown as MedusaRequest

describe("toApiError: one body shape for backy's errors", () => {
  it("keeps the reason of a conflict instead of Medusa's generic idempotency text", () => {
    const conflict = new MedusaError(MedusaError.Types.CONFLICT, "erp_id: order ord_1 was already acknowledged as SO-1")
    expect(toApiError(conflict, post)).toEqual({
      status: 409,
      body: { type: "conflict", message: "erp_id: order ord_1 was already acknowledged as SO-1" },
    })
  })

  it("answers 400 for a NUL byte Postgres refused (text: 22021, jsonb: 22P05)", () => {
    for (const code of ["22021", "22P05"]) {
      const refused = Object.assign(new Error('insert into … - invalid byte sequence for encoding "UTF8": 0x00'), {
        code,
        severity: "ERROR",
      })
      expect(toApiError(refused, post)).toEqual({
        status: 400,
        body: { type: "invalid_data", message: "body: must not contain a NUL byte" },
      })
    }
  })

  it("names the parameter of a URIError, and hides what it does not know", () => {
    const malformed = { ...post, path: "/erp/orders/%ZZ/ack" } as unknown as MedusaRequest
    expect(toApiError(new URIError("URI malformed"), malformed).body.message).toMatch(
      /^id: is not valid percent-encoding/
    )
    expect(toApiError(new Error("boom"), post)).toEqual({
      status: 500,
      body: { type: "unknown_error", message: "An unknown error occurred." },
    })
    expect(toApiError(new MedusaError(MedusaError.Types.NOT_FOUND, "Order ord_1 not found"), post).status).toBe(404)
  })
})
