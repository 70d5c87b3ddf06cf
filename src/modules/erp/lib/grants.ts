/**
 * What a pull client may see: orders of its sales channels (required; "*" =
 * all) and, when `company_ids` is not empty, only those buyer companies.
 */
export type PullGrants = { sales_channel_ids: string[]; company_ids: string[] }

export const PULL_SCOPES = ["orders:read", "orders:ack", "fulfillments:write"] as const
export type PullScope = (typeof PULL_SCOPES)[number]

export function grantsAllow(
  grants: PullGrants,
  row: { sales_channel_id: string | null; company_id: string | null }
): boolean {
  const channelOk =
    grants.sales_channel_ids.includes("*") ||
    (!!row.sales_channel_id && grants.sales_channel_ids.includes(row.sales_channel_id))
  const companyOk = grants.company_ids.length === 0 || (!!row.company_id && grants.company_ids.includes(row.company_id))
  return channelOk && companyOk
}
