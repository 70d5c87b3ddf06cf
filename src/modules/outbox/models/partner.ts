import { model } from "@medusajs/framework/utils"

/** Scopes a partner's access tokens may carry. */
export const PARTNER_SCOPES = ["webhooks:manage"] as const

/**
 * A partner organisation and its API credentials: the client secret is
 * stored only as a salted scrypt hash and shown once, when issued.
 */
export const Partner = model.define("partner", {
  id: model.id({ prefix: "ptn" }).primaryKey(),
  name: model.text(),
  client_id: model.text().unique(),
  client_secret_hash: model.text(),
  /** Granted scopes (a subset of PARTNER_SCOPES); null grants all of them. Tokens carry the requested subset. */
  scopes: model.array().nullable(),
  revoked_at: model.dateTime().nullable(),
  /**
   * What business data the partner's endpoints receive (lib/partner-grants.ts):
   * events about orders, invoices, quotes and approvals of these sales
   * channels ("*" = every channel; none = nothing at all) and, when not empty,
   * only of these companies and their subsidiaries. A new partner has none.
   */
  grant_sales_channel_ids: model.array().default([]),
  grant_company_ids: model.array().default([]),
})
