// The refusals quote workflows give: 409 with a stable code for a state that moved on, 400 naming the field for bad input.
import { MedusaError } from "@medusajs/framework/utils"

export const quoteConflict = (code: string, message: string) =>
  new MedusaError(MedusaError.Types.CONFLICT, message, code)

export const invalidQuoteField = (field: string, message: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: ${message}`)

export const quoteNotFound = (id: string) =>
  new MedusaError(MedusaError.Types.NOT_FOUND, `Quote with id: ${id} was not found`)
