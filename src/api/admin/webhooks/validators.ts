import { z } from "@medusajs/framework/zod"
import { PARTNER_SCOPES } from "../../../modules/outbox/models/partner"
import { ALL_CHANNELS, type PartnerGrants } from "../../../modules/outbox/lib/partner-grants"
import { CreateEndpoint, ListDeliveries } from "../../utils/webhook-validators"

/**
 * What business data a partner receives: `{ all: true }`, or companies
 * (with their subsidiaries) and/or sales channels. Companies alone cover
 * every channel; channels alone cover every company. `{}` or empty lists
 * grant nothing.
 */
export const PartnerGrantsBody = z
  .object({
    all: z.literal(true).optional(),
    company_ids: z
      .array(z.string().regex(/^comp_\w+$/, { error: "must be company ids (comp_…)" }))
      .max(500)
      .optional(),
    sales_channel_ids: z
      .array(z.string().regex(/^sc_\w+$/, { error: "must be sales channel ids (sc_…)" }))
      .max(100)
      .optional(),
  })
  .strict()
  .refine((g) => !(g.all && (g.company_ids?.length || g.sales_channel_ids?.length)), {
    error: "all: grants every company and channel; give it alone",
    path: ["all"],
  })
  .transform((g): PartnerGrants => {
    if (g.all) return { sales_channel_ids: [ALL_CHANNELS], company_ids: [] }
    const companies = [...new Set(g.company_ids ?? [])]
    const channels = [...new Set(g.sales_channel_ids ?? [])]
    if (!companies.length && !channels.length) return { sales_channel_ids: [], company_ids: [] }
    return { sales_channel_ids: channels.length ? channels : [ALL_CHANNELS], company_ids: companies }
  })

export type AdminCreatePartnerType = z.infer<typeof AdminCreatePartner>
export const AdminCreatePartner = z
  .object({
    name: z.string().min(1).max(200),
    scopes: z.array(z.enum(PARTNER_SCOPES)).optional(),
    /** Default: none (the partner receives no order, invoice, quote or approval event until granted). */
    grants: PartnerGrantsBody.optional(),
  })
  .strict()

export type AdminUpdatePartnerType = z.infer<typeof AdminUpdatePartner>
export const AdminUpdatePartner = z
  .object({
    name: z.string().min(1).max(200).optional(),
    scopes: z.array(z.enum(PARTNER_SCOPES)).optional(),
    /** true revokes the credentials (tokens stop working at once); false restores them. */
    revoked: z.boolean().optional(),
    /** Replaces the grants; applies to events recorded from now on. */
    grants: PartnerGrantsBody.optional(),
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
export const AdminListDeliveries = ListDeliveries.extend({
  partner_id: z.string().min(1).optional(),
  /** The resource the event is about (`order` and an order id: an order's webhooks); both or neither. */
  resource_type: z.string().min(1).max(100).optional(),
  resource_id: z.string().min(1).max(200).optional(),
})
  .strict()
  .refine((q) => !q.resource_id || q.resource_type, {
    error: "give resource_type with resource_id (order, invoice, quote…)",
    path: ["resource_type"],
  })
  .refine((q) => !q.resource_type || q.resource_id, {
    error: "give resource_id with resource_type",
    path: ["resource_id"],
  })
