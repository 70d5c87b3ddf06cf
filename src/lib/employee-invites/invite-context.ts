import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { InviteSecret } from "./invite-token"

/**
 * The id of the one valid invite, kept on the staff-created customer's
 * metadata (no table of our own: the b2b module's models are not ours to
 * extend here, and the customer is what the invite hands over). Removed when
 * the invite is accepted; overwritten when staff issue a new one.
 */
export const INVITE_ID_METADATA_KEY = "employee_invite_id"

/** The secret invites are derived from: the hub's JWT secret (JWT_SECRET, see medusa-config.ts). */
export function inviteSecret(container: MedusaContainer): InviteSecret {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const secret = config.projectConfig.http.jwtSecret
  // backy configures a string (loadHubConfig); Medusa's type also allows key objects.
  if (typeof secret === "string" || Buffer.isBuffer(secret)) return secret
  throw new Error("Employee invites need projectConfig.http.jwtSecret (JWT_SECRET) as a string")
}
