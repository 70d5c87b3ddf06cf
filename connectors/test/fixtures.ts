import { generateKeyPairSync, type KeyObject } from "node:crypto"
import { BreakerRegistry } from "../lib/http/breakers"
import type { ConnectorDeps } from "../lib/connector-base"
import type { HubCustomer, HubOrder, HubReturn, Logger } from "../lib/types"

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

export const RETURN_ID = "return_01JC40A1B2C3D4E5F6G7H8J9K0"

/**
 * 2 of the sample order's 12 wrenches back: 2 × 19.99 = 39.98 − 1.67 of the discount (its tax
 * 0.13) = 38.31 net + 8 % tax 3.06 = 41.37. Every amount checks out to the cent.
 */
export function sampleReturn(overrides: Partial<HubReturn> = {}): HubReturn {
  return {
    id: RETURN_ID,
    display_id: 7,
    received_at: "2025-03-21T09:30:00.000Z",
    lines: [
      {
        line_id: "ordli_01",
        sku: "WR-1001",
        title: "Torque wrench",
        quantity: 2,
        unit_price: "19.99",
        unit_price_minor: "1999",
        tax_inclusive: false,
        tax_rate: "8",
        subtotal_minor: "3998",
        discount_minor: "167",
        discount_tax_minor: "13",
        net_minor: "3831",
        tax_minor: "306",
        total_minor: "4137",
      },
    ],
    subtotal_minor: "3998",
    discount_minor: "167",
    discount_tax_minor: "13",
    tax_minor: "306",
    total_minor: "4137",
    ...overrides,
  }
}

/**
 * The sample order once `sampleReturn` is received, as the hub states it then: the wrench line
 * and the totals count the 10 units kept (Medusa's totals after a return), the return beside them.
 */
export function sampleReturnedOrder(ret: HubReturn = sampleReturn()): HubOrder {
  const placed = sampleOrder()
  const less = (a: HubOrder["total_minor"], b: HubOrder["total_minor"]) => (BigInt(a) - BigInt(b)).toString()
  const [wrench, ...rest] = placed.lines
  const back = ret.lines[0]!
  return {
    ...placed,
    lines: [
      {
        ...wrench!,
        quantity: wrench!.quantity - back.quantity,
        subtotal_minor: less(wrench!.subtotal_minor, back.subtotal_minor),
        discount_minor: less(wrench!.discount_minor, back.discount_minor),
        discount_tax_minor: less(wrench!.discount_tax_minor, back.discount_tax_minor),
        net_minor: less(wrench!.net_minor, back.net_minor),
        tax_minor: less(wrench!.tax_minor, back.tax_minor),
        total_minor: less(wrench!.total_minor, back.total_minor),
      },
      ...rest,
    ],
    subtotal_minor: less(placed.subtotal_minor, ret.subtotal_minor),
    discount_minor: less(placed.discount_minor, ret.discount_minor),
    discount_tax_minor: less(placed.discount_tax_minor, ret.discount_tax_minor),
    tax_minor: less(placed.tax_minor, ret.tax_minor),
    total_minor: less(placed.total_minor, ret.total_minor),
    returns: [ret],
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
