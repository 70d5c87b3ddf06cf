import { generateKeyPairSync, type KeyObject } from "node:crypto"
import { BreakerRegistry } from "../lib/http/breakers"
import type { ConnectorDeps } from "../lib/connector-base"
import type { HubCustomer, HubOrder, Logger } from "../lib/types"

export const ORDER_ID = "order_01JC3ZK6Q8W5V2M9XH4T7RBN0A"
export const COMPANY_ID = "comp_01JC3ZJZ2X9KQ4M8V6T5RB3N1Y"

const address = {
  first_name: "Dana",
  last_name: "Ruiz",
  company: "Acme Tools Inc.",
  address_1: "500 Industrial Way",
  address_2: "Dock 4",
  city: "Fresno",
  province: "CA",
  postal_code: "93706",
  country_code: "us",
  phone: "+1 559 555 0100",
}

/** Two lines, shipping, tax and a discount; every amount checks out to the cent. */
export function sampleOrder(overrides: Partial<HubOrder> = {}): HubOrder {
  return {
    id: ORDER_ID,
    display_id: 1042,
    currency_code: "usd",
    po_number: "PO-77812",
    placed_at: "2025-03-14T16:20:00.000Z",
    customer: {
      company_id: COMPANY_ID,
      erp_account_number: undefined,
      name: "Acme Tools Inc.",
      email: "ap@acme.example",
      billing_address: { ...address, address_2: undefined },
      shipping_address: address,
    },
    tax_inclusive: false,
    lines: [
      // 12 × 19.99 = 239.88 − 10.00 discount = 229.88 net + 8 % tax 18.39 = 248.27
      {
        line_id: "ordli_01",
        sku: "WR-1001",
        title: "Torque wrench",
        quantity: 12,
        unit_price: "19.99",
        unit_price_minor: "1999",
        tax_inclusive: false,
        tax_rate: "8",
        subtotal_minor: "23988",
        discount_minor: "1000",
        discount_tax_minor: "80",
        net_minor: "22988",
        tax_minor: "1839",
        total_minor: "24827",
      },
      // 3 × 1,234.50 = 3,703.50 net + 8.75 % tax 324.06 = 4,027.56
      {
        line_id: "ordli_02",
        sku: "DR-2002",
        title: "Drill press",
        quantity: 3,
        unit_price: "1234.5",
        unit_price_minor: "123450",
        tax_inclusive: false,
        tax_rate: "8.75",
        subtotal_minor: "370350",
        discount_minor: "0",
        discount_tax_minor: "0",
        net_minor: "370350",
        tax_minor: "32406",
        total_minor: "402756",
      },
    ],
    // Freight 25.00, untaxed.
    shipping_lines: [
      {
        id: "ordsm_01",
        name: "Freight",
        unit_price: "25",
        unit_price_minor: "2500",
        tax_inclusive: false,
        tax_rate: "0",
        subtotal_minor: "2500",
        discount_minor: "0",
        discount_tax_minor: "0",
        net_minor: "2500",
        tax_minor: "0",
        total_minor: "2500",
      },
    ],
    shipping_minor: "2500",
    shipping_tax_minor: "0",
    subtotal_minor: "396838",
    discount_minor: "1000",
    discount_tax_minor: "80",
    tax_minor: "34245",
    credit_minor: "0",
    total_minor: "430083",
    ...overrides,
  }
}

export function sampleCustomer(overrides: Partial<HubCustomer> = {}): HubCustomer {
  return {
    company_id: COMPANY_ID,
    name: "Acme Tools Inc.",
    email: "ap@acme.example",
    phone: "+1 559 555 0100",
    currency_code: "USD",
    billing_address: address,
    shipping_address: address,
    ...overrides,
  }
}

export interface TestDeps extends ConnectorDeps {
  breakers: BreakerRegistry
  sleeps: number[]
  logs: string[]
}

/** Fresh breaker registry, instant recorded sleeps, a logger that keeps every line it is given. */
export function testDeps(overrides: Partial<ConnectorDeps> = {}): TestDeps {
  const sleeps: number[] = []
  const logs: string[] = []
  const record =
    (level: string) =>
    (message: string, meta?: Record<string, unknown>): void => {
      logs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ""}`)
    }
  const logger: Logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") }
  return {
    breakers: new BreakerRegistry({ resetTimeoutMs: 60_000 }),
    sleeps,
    logs,
    logger,
    sleep: async (ms: number) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    ...overrides,
  }
}

export function ecKeyPair(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
  return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey }
}

export function rsaKeyPair(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey }
}

/** Decodes a form-encoded body nock hands us as a string. */
export function formOf(body: unknown): Record<string, string> {
  if (typeof body === "string") return Object.fromEntries(new URLSearchParams(body))
  return body as Record<string, string>
}

/** Raw request bodies a nock scope receives, byte for byte (money must arrive as sent). */
export function captureBodies(scope: {
  on(event: "request", listener: (req: unknown, interceptor: unknown, body: string) => void): unknown
}): string[] {
  const bodies: string[] = []
  scope.on("request", (_req, _interceptor, body) => bodies.push(body))
  return bodies
}
