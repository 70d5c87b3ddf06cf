import { z } from "@medusajs/framework/zod"

const QUANTITY_MESSAGE = "must be a whole number ≥ 1"

/**
 * `?quantity=` on the store product routes: how many units the shopper is
 * looking at, so Medusa's `calculated_price` picks the matching quantity
 * price (a contract's volume tier). A query string value, so digits only.
 */
export const StoreProductsPricingQuantity = z
  .object({
    quantity: z
      .string({ error: QUANTITY_MESSAGE })
      .regex(/^\d{1,9}$/, { error: QUANTITY_MESSAGE })
      .transform(Number)
      .refine((quantity) => quantity >= 1, { error: QUANTITY_MESSAGE })
      .optional(),
  })
  .strict()
export type StoreProductsPricingQuantityType = z.infer<typeof StoreProductsPricingQuantity>
