/**
 * The one entry point the hub uses: connection config in, `ErpConnector` out.
 *
 * @module
 */
import { BusinessCentralConnector } from "../business-central/connector"
import type { BusinessCentralCredentials, BusinessCentralSettings } from "../business-central/settings"
import { GenericRestConnector } from "../generic/connector"
import type { GenericRestCredentials, GenericRestSettings } from "../generic/settings"
import { NetSuiteConnector } from "../netsuite/connector"
import type { NetSuiteCredentials, NetSuiteSettings } from "../netsuite/settings"
import type { ConnectorDeps } from "./connector-base"
import { ErpConfigError } from "./errors"
import { CONNECTOR_KINDS, type ErpConnector } from "./types"

interface ConnectionBase {
  /**
   * Our connection id; with the kind it keys the circuit breaker. Default: derived from the
   * settings (NetSuite account, BC tenant/environment/company, generic base URL).
   */
  id?: string
}

export type ConnectorConfig =
  | (ConnectionBase & { kind: "netsuite"; settings: NetSuiteSettings; credentials: NetSuiteCredentials })
  | (ConnectionBase & {
      kind: "business-central"
      settings: BusinessCentralSettings
      credentials: BusinessCentralCredentials
    })
  | (ConnectionBase & { kind: "generic"; settings: GenericRestSettings; credentials?: GenericRestCredentials })

/**
 * Builds the connector for a connection. Settings are checked here: a missing or malformed
 * option throws `ErpConfigError` now rather than on the first order.
 *
 * @example
 * const erp = createConnector({ kind: "netsuite", id: "conn_1", settings: { accountId: "1234567" },
 *   credentials: { clientId, certificateId, privateKey } }, { logger })
 * await erp.upsertSalesOrder(order)
 */
export function createConnector(config: ConnectorConfig, deps: ConnectorDeps = {}): ErpConnector {
  switch (config?.kind) {
    case "netsuite":
      return new NetSuiteConnector(config.settings, config.credentials, deps, config.id ?? config.settings?.accountId)
    case "business-central":
      return new BusinessCentralConnector(
        config.settings,
        config.credentials,
        deps,
        config.id ??
          (config.settings
            ? `${config.settings.tenantId}/${config.settings.environment}/${config.settings.companyId}`
            : "")
      )
    case "generic":
      return new GenericRestConnector(config.settings, config.credentials, deps, config.id ?? config.settings?.baseUrl)
    default:
      throw new ErpConfigError(
        `Unknown connector kind ${JSON.stringify((config as { kind?: unknown })?.kind)}; expected one of ${CONNECTOR_KINDS.join(", ")}`
      )
  }
}
