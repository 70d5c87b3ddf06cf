import Stripe from "stripe"
import { MedusaError, serializeError } from "@medusajs/framework/utils"
import { describeError } from "../describe-error"

describe("describeError", () => {
  const stripeError = () =>
    new Stripe.errors.StripeInvalidRequestError({
      type: "invalid_request_error",
      code: "resource_missing",
      message: "No such invoice: 'in_123'",
    })

  it("names an error, its code and its message", () => {
    expect(describeError(stripeError())).toBe("StripeInvalidRequestError (resource_missing): No such invoice: 'in_123'")
    expect(describeError(new Error("boom"))).toBe("Error: boom")
  })

  it("describes a workflow run's error, which Medusa hands back serialized into a plain object, the same way (never [object Object])", () => {
    const serialized = serializeError(stripeError())
    expect(serialized).not.toBeInstanceOf(Error)
    expect(String(serialized)).toBe("[object Object]") // what the reconciler logged
    expect(describeError(serialized)).toBe("StripeInvalidRequestError (resource_missing): No such invoice: 'in_123'")
    expect(
      describeError(serializeError(new MedusaError(MedusaError.Types.NOT_FOUND, "Invoice binv_1 was not found")))
    ).toBe("not_found: Invoice binv_1 was not found")
  })

  it("gives a database error as Postgres's message only: not the statement and values knex put in front, not the detail MikroORM appended", () => {
    // The fields node-postgres sets and MikroORM's DriverException copies, with the message as knex and MikroORM leave it.
    const error = Object.assign(
      new Error(
        `insert into "partner" ("id", "client_secret_hash") values ('ptn_1', 'scrypt$abc$def') - new row for relation "partner" violates check constraint "partner_name_check"\n - detail: Failing row contains (ptn_1, scrypt$abc$def).`
      ),
      {
        name: "CheckConstraintViolationException",
        code: "23514",
        severity: "ERROR",
        detail: "Failing row contains (ptn_1, scrypt$abc$def).",
      }
    )
    const expected = `CheckConstraintViolationException (23514): new row for relation "partner" violates check constraint "partner_name_check"`
    expect(describeError(error)).toBe(expected)
    expect(describeError(serializeError(error))).toBe(expected)
  })

  it("takes strings as they are and anything else as JSON, and stops at the length given", () => {
    expect(describeError("plain words")).toBe("plain words")
    expect(describeError({ status: 502 })).toBe('{"status":502}')
    expect(describeError(undefined)).toBe("undefined")
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(describeError(circular)).toBe("[object Object]")
    expect(describeError(new Error("x".repeat(50)), 20)).toBe(`Error: ${"x".repeat(13)}`)
  })
})
