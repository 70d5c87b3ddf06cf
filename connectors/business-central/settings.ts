/**
 * Business Central (API v2.0) connection options and credentials.
 *
 * @module
 */
import { requireSettings, type ConnectionSettings } from "../lib/connector-base"

export interface BusinessCentralSettings extends ConnectionSettings {
  /** Microsoft Entra tenant id (GUID or domain). */
  tenantId: string
  /** BC environment name, e.g. `production`. */
  environment: string
  /** Company GUID. */
  companyId: string
  /** API root. Default `https://api.businesscentral.dynamics.com/v2.0`; set it to point at a sandbox. */
  apiRoot?: string
  /** Default `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`. */
  tokenUrl?: string
  /** Default `https://api.businesscentral.dynamics.com/.default`. */
  scope?: string
  /**
   * The company's local currency. BC stores LCY documents with an empty currency code and has no
   * currency record for it, so orders in this currency are sent with `currencyCode: ""`.
   */
  localCurrencyCode?: string
  /** How shipping is booked: a line of this type and number (a G/L account or a charge item). */
  shippingLine?: { lineType: "Account" | "Item" | "Charge" | "Resource"; number: string; description?: string }
  /**
   * Header field for the buyer's PO number, for APIs extended with one. The standard v2.0
   * salesOrder has none (externalDocumentNumber carries our order id), so by default the PO
   * number goes on a comment line at the top of the order.
   */
  poNumberField?: string
  /** In-flight request cap. Default 10 (BC allows 100 per user, shared with everything else). */
  concurrency?: number
  /** Shipment field holding the package tracking number (custom API pages). Default `packageTrackingNo`. */
  trackingNumberField?: string
}

export interface BusinessCentralCredentials {
  clientId: string
  clientSecret: string
}

export const DEFAULT_API_ROOT = "https://api.businesscentral.dynamics.com/v2.0"
export const DEFAULT_SCOPE = "https://api.businesscentral.dynamics.com/.default"

export function validateBusinessCentralOptions(settings: BusinessCentralSettings, credentials: BusinessCentralCredentials): void {
  requireSettings("business-central", {
    "settings.tenantId": settings?.tenantId,
    "settings.environment": settings?.environment,
    "settings.companyId": settings?.companyId,
    "credentials.clientId": credentials?.clientId,
    "credentials.clientSecret": credentials?.clientSecret,
  })
}

/** `<apiRoot>/<tenant>/<environment>/api/v2.0/companies(<companyId>)` */
export function companyUrl(s: BusinessCentralSettings): string {
  const root = (s.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "")
  return `${root}/${encodeURIComponent(s.tenantId)}/${encodeURIComponent(s.environment)}/api/v2.0/companies(${s.companyId})`
}

export function defaultTokenUrl(tenantId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`
}
