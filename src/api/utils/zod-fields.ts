import { z } from "@medusajs/framework/zod"

/**
 * Field schemas shared by the B2B API.
 *
 * AMOUNT CONVENTION: every amount is an integer number of minor units of its
 * currency, named `*_minor` (1250 = 12.50 USD, 1250 = 1,250 JPY), the way
 * Stripe counts. It is accepted as a JSON integer or an integer string
 * ("1250") and returned as a JSON integer. Floats ("12.5", 12.5), negative
 * amounts and amounts above 2^53 − 1 are refused with a 400 naming the field.
 */

const INTEGER_STRING = /^-?\d+$/

const AMOUNT_MESSAGE = "must be an integer amount in minor units (1250 = 12.50), as a JSON integer or an integer string"

/** A non-negative integer amount in minor units; see the convention above. */
export const minorAmount = () =>
  z.union([z.number(), z.string()], { error: AMOUNT_MESSAGE }).transform((value, ctx) => {
    const amount = typeof value === "number" ? value : INTEGER_STRING.test(value.trim()) ? Number(value.trim()) : NaN
    if (!Number.isInteger(amount)) {
      ctx.addIssue({ code: "custom", message: `${AMOUNT_MESSAGE}; got ${JSON.stringify(value)}` })
      return z.NEVER
    }
    if (!Number.isSafeInteger(amount)) {
      ctx.addIssue({ code: "custom", message: "is larger than the largest supported amount (2^53 − 1 minor units)" })
      return z.NEVER
    }
    if (amount < 0) {
      ctx.addIssue({ code: "custom", message: "must not be negative" })
      return z.NEVER
    }
    return amount
  })

/** A positive whole quantity (units of a variant). */
export const quantity = () =>
  z
    .number({ error: "must be a whole number ≥ 1" })
    .int({ error: "must be a whole number ≥ 1" })
    .min(1, { error: "must be a whole number ≥ 1" })

// The ISO 4217 currencies in use, as ICU knows them (Node ships full ICU): "XYZ" has the right shape but is none.
const ISO_4217 = new Set(Intl.supportedValuesOf("currency"))

/** A three-letter ISO 4217 code, stored lower case like Medusa's. */
export const currencyCode = () =>
  z
    .string()
    .regex(/^[A-Za-z]{3}$/, { error: "must be a three-letter ISO 4217 currency code", abort: true })
    .refine((code) => ISO_4217.has(code.toUpperCase()), {
      error: (issue) => `${String(issue.input).toUpperCase()} is not an ISO 4217 currency code`,
    })
    .transform((code) => code.toLowerCase())

/** An ISO 8601 date or date-time ("2026-01-01", "2026-01-01T00:00:00Z"). */
export const isoDate = () =>
  z.string().transform((value, ctx) => {
    const date = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : new Date(NaN)
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({
        code: "custom",
        message: `must be an ISO 8601 date such as "2026-01-01" or "2026-01-01T00:00:00Z"; got ${JSON.stringify(value)}`,
      })
      return z.NEVER
    }
    return date
  })

/** Free-form metadata, as Medusa's resources have. */
export const metadata = () => z.record(z.string(), z.unknown())
