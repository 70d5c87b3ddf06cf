/**
 * Business Central (API v2.0) connection options and credentials.
 *
 * @module
 */
import { requireSettings, type ConnectionSettings } from "../lib/connector-base"
import { ErpConfigError } from "../lib/errors"

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
   * State the hub's tax (Medusa's, as invoiced) instead of letting BC compute it. BC API v2.0 has
   * no writable tax amount (a line's `totalTaxAmount` is read-only; `taxCode` only picks BC's own
   * tax group / VAT product posting group), so the tax is booked as lines: every line carries
   * `exemptTaxCode` (a tax group or VAT product posting group BC taxes at 0 %), and one line per
   * tax rate of this type and number (the tax liability G/L account) carries the order's tax at
   * that rate. BC's document total is then exactly the order's. Without it BC computes tax from
   * its own setup (and `taxCodes`), and the total equals the invoice only as far as that setup
   * and BC's rounding agree with Medusa's.
   */
  taxLine?: { lineType: "Account"; number: string; exemptTaxCode: string; description?: string }
  /** When BC computes tax: the hub's tax rate in percent (`"8.875"`) → BC tax code for the line (`taxCode`). */
  taxCodes?: Record<string, string>
  /** How an order-level credit is booked: a line of this type and number, quantity −1; `taxCode` when BC computes tax. */
  creditLine?: {
    lineType: "Account" | "Item" | "Charge" | "Resource"
    number: string
    description?: string
    taxCode?: string
  }
  /**
   * Header field for the buyer's PO number. The standard v2.0 salesOrders page has none and cannot
   * be extended (`Extensible = false` in APIV2SalesOrders.Page.al; externalDocumentNumber carries
   * our order id), so leave this unset against it: the PO number then goes on a comment line at the
   * top of the order.
   */
  poNumberField?: string
  /** In-flight request cap. Default 10 (BC allows 100 per user, shared with everything else). */
  concurrency?: number
  /**
   * Where to read package tracking numbers, for a merchant who publishes them. The standard v2.0
   * `salesShipments` page has none (its Sales Shipment Header table holds "Package Tracking No." and
   * "Shipping Agent Code", the page does not expose them and is `Extensible = false`), so this is a
   * custom API page on Sales Shipment Header, keyed by SystemId like the standard one, exposing `id`,
   * `postingDate` and the fields named here. Unset: shipments come back without tracking.
   */
  shipmentTracking?: BusinessCentralShipmentTracking
}

export interface BusinessCentralShipmentTracking {
  /** The custom API's `<APIPublisher>/<APIGroup>/<APIVersion>`, e.g. `contoso/shipping/v1.0`. */
  apiRoute: string
  /** Its EntitySetName, e.g. `shipmentTrackings`. */
  entitySet: string
  /** The field holding the package tracking number, e.g. `packageTrackingNo`. */
  trackingNumberField: string
  /** The field holding the carrier (shipping agent code), if the page has one. */
  carrierField?: string
}

export interface BusinessCentralCredentials {
  clientId: string
  clientSecret: string
}

export const DEFAULT_API_ROOT = "https://api.businesscentral.dynamics.com/v2.0"
export const DEFAULT_SCOPE = "https://api.businesscentral.dynamics.com/.default"

export function validateBusinessCentralOptions(
  settings: BusinessCentralSettings,
  credentials: BusinessCentralCredentials
): void {
  requireSettings("business-central", {
    "settings.tenantId": settings?.tenantId,
    "settings.environment": settings?.environment,
    "settings.companyId": settings?.companyId,
    "credentials.clientId": credentials?.clientId,
    "credentials.clientSecret": credentials?.clientSecret,
  })
  const tracking = settings.shipmentTracking
  if (tracking) {
    requireSettings("business-central", {
      "settings.shipmentTracking.apiRoute": tracking.apiRoute,
      "settings.shipmentTracking.entitySet": tracking.entitySet,
      "settings.shipmentTracking.trackingNumberField": tracking.trackingNumberField,
    })
    if (!/^[\w.-]+\/[\w.-]+\/[\w.-]+$/.test(tracking.apiRoute)) {
      throw new ErpConfigError(
        `business-central: settings.shipmentTracking.apiRoute must be "<publisher>/<group>/<version>", got ${JSON.stringify(tracking.apiRoute)}`
      )
    }
  }
}

/**
 * `<apiRoot>/<tenant>/<environment>/api/<route>/companies(<companyId>)`; route `v2.0` is the standard
 * API, a custom API page is at `<publisher>/<group>/<version>` (Microsoft Learn, "API endpoint structure").
 */
export function companyUrl(s: BusinessCentralSettings, route = "v2.0"): string {
  const root = (s.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "")
  return `${root}/${encodeURIComponent(s.tenantId)}/${encodeURIComponent(s.environment)}/api/${route}/companies(${s.companyId})`
}

export function defaultTokenUrl(tenantId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`
}
