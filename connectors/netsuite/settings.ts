/**
 * NetSuite connection options and credentials.
 *
 * @module
 */
import { requireSettings, type ConnectionSettings } from "../lib/connector-base"
import { ErpConfigError } from "../lib/errors"
import type { NetSuiteSigningAlgorithm } from "./client-assertion"

export interface NetSuiteSettings extends ConnectionSettings {
  /** Account id as NetSuite shows it, e.g. `1234567` or `1234567_SB1`. */
  accountId: string
  /** Default `https://<account-id>.suitetalk.api.netsuite.com`; set it to point at a sandbox. */
  baseUrl?: string
  /** Default `<baseUrl>/services/rest/auth/oauth2/v1/token`. */
  tokenUrl?: string
  /**
   * OAuth scopes in the client assertion; each must be checked on the integration record.
   * Default `["rest_webservices"]` (record API and SuiteQL; the adapter calls no RESTlet).
   */
  scopes?: string[]
  /**
   * In-flight request cap for this connection. Default 5, the smallest account limit (shared
   * tier without SuiteCloud Plus); raise it to the integration's allocated limit.
   */
  concurrency?: number
  /**
   * ISO currency code → NetSuite currency internal id, for codes the lookup should not decide.
   * Codes not listed are resolved by their ISO code (the currency record's `symbol`) with SuiteQL,
   * once per connection. NetSuite's `refName` for a currency is its name ("US Dollar"), never the code.
   */
  currencyIds?: Record<string, string>
  /** SKU → item internal id. Unmapped SKUs are referenced as `{ externalId: sku }`. */
  itemIds?: Record<string, string>
  /** Subsidiary internal id for new customers (OneWorld accounts). */
  subsidiaryId?: string
  /** Transaction column field that carries our line id. Default `custcol_backy_line_id`. */
  lineIdField?: string
  /** Body fields that carry the hub's invoiced totals, e.g. `{ tax: "custbody_backy_tax" }` (discount is net of tax). */
  totalsFields?: { tax?: string; discount?: string; total?: string }
  /**
   * State the hub's tax (Medusa's, as invoiced) instead of letting the SuiteTax engine compute it:
   * the order is sent with `taxDetailsOverride: true` and one `taxDetails` line per taxed line,
   * of this tax type and tax code (internal ids; the rate and amount are the order's). Without it
   * NetSuite computes tax, and the document total equals the invoice only as far as NetSuite's
   * tax setup agrees with Medusa's.
   */
  taxDetails?: { taxTypeId: string; taxCodeId: string }
  /**
   * Item (internal id; a shipping or other-charge item) that books shipping as an item line
   * instead of the `shippingCost` body field. Needed with `taxDetails` when shipping is taxed:
   * only item lines carry a tax details reference the hub can set.
   */
  shippingItemId?: string
  /** Item (internal id; an other-charge or discount item) that books an order-level credit as a negative line. */
  creditItemId?: string
  /** Record our fulfillment requests become. Default `itemFulfillment` (status Picked). */
  fulfillmentRecordType?: "itemFulfillment" | "fulfillmentRequest"
  /** The account's date format for `q` filters. Default `M/D/YYYY`. */
  queryDateFormat?: "M/D/YYYY" | "D/M/YYYY" | "YYYY-MM-DD"
}

export interface NetSuiteCredentials {
  /** Client id of the integration record. */
  clientId: string
  /** Certificate id from the OAuth 2.0 client-credentials mapping. */
  certificateId: string
  /** PEM private key of that certificate. */
  privateKey: string
  /** Default: PS256 for RSA keys, ES256/384/512 for EC keys. */
  algorithm?: NetSuiteSigningAlgorithm
}

export const RECORD_PATH = "/services/rest/record/v1"
/** SuiteQL over REST (Oracle, "Executing SuiteQL Queries Through REST Web Services", section_157909186990). */
export const SUITEQL_PATH = "/services/rest/query/v1/suiteql"
export const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token"

export function validateNetSuiteOptions(settings: NetSuiteSettings, credentials: NetSuiteCredentials): void {
  requireSettings("netsuite", {
    "settings.accountId": settings?.accountId,
    "credentials.clientId": credentials?.clientId,
    "credentials.certificateId": credentials?.certificateId,
    "credentials.privateKey": credentials?.privateKey,
  })
  if (!/^[A-Za-z0-9_-]+$/.test(settings.accountId)) {
    throw new ErpConfigError(`netsuite: accountId ${JSON.stringify(settings.accountId)} is not a NetSuite account id`)
  }
}

/** `1234567_SB1` → `https://1234567-sb1.suitetalk.api.netsuite.com` (NetSuite's account-specific domain). */
export function defaultBaseUrl(accountId: string): string {
  return `https://${accountId.toLowerCase().replace(/_/g, "-")}.suitetalk.api.netsuite.com`
}
