import { generateKeyPairSync, type KeyObject } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { ErpSandbox, RequestTarget } from "../../sandboxes/erp"
import type { B2bFixture } from "../../helpers/fixtures"
import { StoreClient } from "../../helpers/store-client"
import { createAdminToken } from "../../helpers/admin"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { ERP_MODULE } from "../../../src/modules/erp"
import type ErpModuleService from "../../../src/modules/erp/service"

/** The NetSuite integration's certificate: the sandbox verifies every client assertion against it. */
export type NetSuiteCertificate = { privateKeyPem: string; publicKey: KeyObject }

export function netSuiteCertificate(): NetSuiteCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
  return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey }
}

export function netSuiteCredentials(cert: NetSuiteCertificate) {
  return { clientId: "backy-test-integration", certificateId: "backy-test-cert", privateKey: cert.privateKeyPem }
}

/**
 * The hub's write of an order to NetSuite (`PUT …/salesOrder/eid:<order id>`): where a test aims a
 * sandbox fault at the order sync. The shipments poll (every minute, in the same process) reads
 * the same sandbox and would take a fault aimed at "the next request".
 */
export const NETSUITE_ORDER_UPSERT: RequestTarget = { method: "PUT", pathIncludes: "/salesOrder/eid:" }

/**
 * A NetSuite connection to the sandbox, written through the ERP module (the
 * admin API is exercised by its own tests). Fast retries and a short breaker
 * reset keep outage tests within seconds.
 */
export async function createNetSuiteConnection(
  container: MedusaContainer,
  erp: ErpSandbox,
  cert: NetSuiteCertificate,
  overrides: {
    concurrency?: number
    max_attempts?: number
    retry_base_ms?: number
    settings?: Record<string, unknown>
  } = {}
): Promise<string> {
  const service = container.resolve<ErpModuleService>(ERP_MODULE)
  const created = await service.createConnection({
    name: "NetSuite (sandbox)",
    kind: "netsuite",
    settings: {
      accountId: "TSTDRV0001",
      baseUrl: erp.netsuiteBaseUrl,
      tokenUrl: erp.netsuiteTokenUrl,
      retry: { maxRetries: 1, baseDelayMs: 50 },
      breaker: { resetTimeoutMs: 500 },
      ...overrides.settings,
    },
    credentials: netSuiteCredentials(cert),
    concurrency: overrides.concurrency ?? 10,
    max_attempts: overrides.max_attempts ?? 12,
    retry_base_ms: overrides.retry_base_ms ?? 300,
  })
  return created.id
}

export async function buyerStore(baseUrl: string, fixture: B2bFixture): Promise<StoreClient> {
  const store = new StoreClient(baseUrl, fixture.publishable_key)
  await store.login(fixture.buyer.email, fixture.buyer.password)
  return store
}

let poSequence = 0

/** One order through the store API checkout (net terms), `n` at a time when asked for several. */
export async function placeOrders(
  store: StoreClient,
  fixture: B2bFixture,
  count: number,
  parallel = 4
): Promise<any[]> {
  const orders: any[] = []
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      const cart = await store.createCart({
        region_id: fixture.region_id,
        items: [
          { variant_id: fixture.variants[0].id, quantity: 2 },
          { variant_id: fixture.variants[1].id, quantity: 5 },
        ],
      })
      orders.push(await store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: `PO-T${++poSequence}` }))
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker))
  return orders
}

export async function adminHeaders(container: MedusaContainer): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await createAdminToken(container)}` }
}
