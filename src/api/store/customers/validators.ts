import { z } from "@medusajs/framework/zod"

/**
 * Where a storefront sends the employee invite: `metadata.invite_token` of
 * Medusa's own sign-up body (StoreCreateCustomer). Medusa's middleware for the
 * route rejects any top-level field it does not know, and `metadata` lets a
 * storefront keep Medusa's typed SDK call. The token is never stored.
 */
export const StoreCustomerInvite = z.object({
  metadata: z
    .object({ invite_token: z.string().trim().min(1, { error: "must not be empty" }).max(4096).optional() })
    .nullish(),
})
export type StoreCustomerInviteType = z.infer<typeof StoreCustomerInvite>
