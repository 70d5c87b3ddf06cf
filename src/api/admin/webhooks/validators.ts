import { z } from "@medusajs/framework/zod"
import { PARTNER_SCOPES } from "../../../modules/outbox/models/partner"
import { CreateEndpoint, ListDeliveries } from "../../utils/webhook-validators"

export type AdminCreatePartnerType = z.infer<typeof AdminCreatePartner>
export const AdminCreatePartner = z
  .object({
    name: z.string().min(1).max(200),
    scopes: z.array(z.enum(PARTNER_SCOPES)).optional(),
  })
  .strict()

export type AdminUpdatePartnerType = z.infer<typeof AdminUpdatePartner>
export const AdminUpdatePartner = z
  .object({
    name: z.string().min(1).max(200).optional(),
    scopes: z.array(z.enum(PARTNER_SCOPES)).optional(),
    /** true revokes the credentials (tokens stop working at once); false restores them. */
    revoked: z.boolean().optional(),
  })
  .strict()

export type AdminCreateEndpointType = z.infer<typeof AdminCreateEndpoint>
export const AdminCreateEndpoint = CreateEndpoint.extend({ partner_id: z.string().min(1) }).strict()

export type AdminListEndpointsType = z.infer<typeof AdminListEndpoints>
export const AdminListEndpoints = z
  .object({
    partner_id: z.string().min(1).optional(),
    enabled: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .strict()

export type AdminListDeliveriesType = z.infer<typeof AdminListDeliveries>
export const AdminListDeliveries = ListDeliveries.extend({ partner_id: z.string().min(1).optional() }).strict()
