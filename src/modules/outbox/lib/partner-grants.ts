/**
 * What business data a partner receives. Svix isolates each consumer in its
 * own application; here a partner's grants decide which events about orders,
 * invoices, quotes and approval requests its endpoints get, the same shape
 * ERP pull clients have (src/modules/erp/lib/grants.ts):
 *
 * - `sales_channel_ids`: the channels covered ("*" = every channel). Empty:
 *   nothing at all — a new partner receives no business event until staff
 *   grant it some.
 * - `company_ids`: when not empty, only these buyer companies and their
 *   subsidiaries (a grant on a parent covers its children).
 *
 * Grants are applied when an event is recorded (its deliveries are created
 * then): changing them affects events recorded afterwards, and retries and
 * recoveries only ever resend deliveries that were granted when the event
 * happened.
 */
export type PartnerGrants = { sales_channel_ids: string[]; company_ids: string[] }

/**
 * Who an event is about: the company and its ancestors (nearest first) and
 * the sales channel; empty/null when the resource has none (an order of a
 * customer of no company).
 */
export type EventScope = { company_ids: string[]; sales_channel_id: string | null }

/** Resources whose events carry a company's data: delivered only under grants. */
export const SCOPED_RESOURCES: ReadonlySet<string> = new Set(["order", "invoice", "quote", "approval_request"])

export const ALL_CHANNELS = "*"

export const NO_GRANTS: PartnerGrants = { sales_channel_ids: [], company_ids: [] }
export const ALL_GRANTS: PartnerGrants = { sales_channel_ids: [ALL_CHANNELS], company_ids: [] }

/**
 * True when the grants cover an event of `scope`. An event recorded without
 * a scope is covered only by a grant on every channel and every company:
 * what the hub cannot attribute, it does not hand to a partner limited to
 * its share.
 */
export function grantsCover(grants: PartnerGrants, scope: EventScope | undefined): boolean {
  const allChannels = grants.sales_channel_ids.includes(ALL_CHANNELS)
  if (!scope) return allChannels && grants.company_ids.length === 0
  const channelOk =
    allChannels || (!!scope.sales_channel_id && grants.sales_channel_ids.includes(scope.sales_channel_id))
  const companyOk = grants.company_ids.length === 0 || scope.company_ids.some((id) => grants.company_ids.includes(id))
  return channelOk && companyOk
}
