import type { HubAddress } from "../../../../../connectors"

/** Address fields as Medusa stores them → the connector's address. */
export function toHubAddress(raw: Record<string, unknown> | null | undefined): HubAddress | undefined {
  if (!raw) return undefined
  const a = raw as Record<string, string | null | undefined>
  return {
    first_name: a.first_name ?? undefined,
    last_name: a.last_name ?? undefined,
    company: a.company ?? undefined,
    address_1: a.address_1 ?? "",
    address_2: a.address_2 ?? undefined,
    city: a.city ?? "",
    province: a.province ?? undefined,
    postal_code: a.postal_code ?? "",
    country_code: (a.country_code ?? "").toUpperCase(),
    phone: a.phone ?? undefined,
  }
}
