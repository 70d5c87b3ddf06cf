import type { MedusaRequest } from "@medusajs/framework/http"

/** The partner a verified bearer token belongs to. */
export type AuthenticatedPartner = { id: string; client_id: string; scopes: string[] }

/** A request that passed `authenticatePartner`. */
export type PartnerRequest<Body = unknown> = MedusaRequest<Body> & { partner: AuthenticatedPartner }

/** The partner of a request that passed `authenticatePartner`. */
export function partnerOf(req: MedusaRequest<unknown>): AuthenticatedPartner {
  return (req as PartnerRequest).partner
}
