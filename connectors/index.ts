/**
 * backy ERP connectors: a framework-free library (no Medusa imports).
 *
 * @module
 */
export { createConnector } from "./lib/create-connector"
export type { ConnectorConfig } from "./lib/create-connector"
export type { ConnectorDeps, ConnectionSettings } from "./lib/connector-base"

export { CONNECTOR_KINDS } from "./lib/types"
export type {
  BreakerState,
  CancelResult,
  ConnectorKind,
  CustomerUpsertResult,
  ErpConnector,
  FulfillmentRequest,
  FulfillmentRequestResult,
  HealthStatus,
  HubAddress,
  HubCustomer,
  HubOrder,
  HubLineMoney,
  HubOrderLine,
  HubReturn,
  HubReturnLine,
  HubShippingLine,
  Logger,
  Minor,
  Shipment,
  UpsertResult,
} from "./lib/types"

export {
  ErpAuthError,
  ErpCircuitOpenError,
  ErpConfigError,
  ErpError,
  ErpPermanentError,
  ErpRateLimitedError,
  ErpRetryableError,
  ErpTimeoutError,
  isErpError,
} from "./lib/errors"
export type { ErpErrorCode, ErpErrorDetails } from "./lib/errors"

export { currencyExponent, formatMinor, sumMinor, toMinor } from "./lib/money"
export { assertOrderAddsUp } from "./lib/order-checks"
export { orderAsSold, returnAsOrder } from "./lib/returns"
export { JsonDecimal, stringifyJson } from "./lib/json"
export { Redactor, REDACTED } from "./lib/redact"
export { Semaphore } from "./lib/semaphore"

export { BreakerRegistry, breakerKey, defaultBreakerRegistry } from "./lib/http/breakers"
export type { BreakerSettings } from "./lib/http/breakers"
export { DEFAULT_RETRY_POLICY, retryDelayMs } from "./lib/http/retry"
export type { RetryPolicy } from "./lib/http/retry"

export { NetSuiteConnector } from "./netsuite/connector"
export type { NetSuiteCredentials, NetSuiteSettings } from "./netsuite/settings"
export { BusinessCentralConnector } from "./business-central/connector"
export type { BusinessCentralCredentials, BusinessCentralSettings } from "./business-central/settings"
export { GenericRestConnector } from "./generic/connector"
export type { GenericAuth, GenericRestCredentials, GenericRestSettings } from "./generic/settings"
export { applyMapping, compileMapping } from "./generic/mapping-language"
export type { CompiledMapping, MappingSpec } from "./generic/mapping-language"
