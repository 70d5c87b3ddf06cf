import { generateKeyPairSync } from "node:crypto"
import http from "node:http"
import {
  BreakerRegistry,
  createConnector,
  ErpCircuitOpenError,
  ErpRetryableError,
  type ConnectorDeps,
  type ErpConnector,
  type HubOrder,
} from "../../../connectors"
import { startErpSandbox, type ErpSandbox } from "../erp"

const CREDENTIALS = { clientId: "backy-erp-client", clientSecret: "sandbox-client-secret-123" }
const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
const PRIVATE_KEY_PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString()

const address = {
  first_name: "Dana",
  last_name: "Ruiz",
  company: "Acme Tools Inc.",
  address_1: "500 Industrial Way",
  city: "Fresno",
  province: "CA",
  postal_code: "93706",
  country_code: "US",
}

/** 12 × 19.99 − 10.00 at 8 %, 3 × 1,234.50 at 8.75 %, freight 25.00 untaxed: 4,300.83. */
function order(id: string, overrides: Partial<HubOrder> = {}): HubOrder {
  const money = (
    quantity: number,
    unit: string,
    rate: string,
    subtotal: number,
    discount: number,
    discountTax: number,
    tax: number
  ) => ({
    quantity,
    unit_price: unit,
    unit_price_minor: String(Math.round(Number(unit) * 100)),
    tax_inclusive: false,
    tax_rate: rate,
    subtotal_minor: String(subtotal),
    discount_minor: String(discount),
    discount_tax_minor: String(discountTax),
    net_minor: String(subtotal - discount),
    tax_minor: String(tax),
    total_minor: String(subtotal - discount + tax),
  })
  const { quantity: _q, ...freight } = money(1, "25", "0", 2500, 0, 0, 0)
  return {
    id,
    display_id: 1042,
    currency_code: "USD",
    po_number: "PO-77812",
    placed_at: "2025-03-14T16:20:00.000Z",
    customer: {
      company_id: "comp_acme",
      name: "Acme Tools Inc.",
      email: "ap@acme.example",
      billing_address: address,
      shipping_address: address,
    },
    tax_inclusive: false,
    lines: [
      { line_id: "li_1", sku: "WR-1001", title: "Torque wrench", ...money(12, "19.99", "8", 23988, 1000, 80, 1839) },
      { line_id: "li_2", sku: "DR-2002", title: "Drill press", ...money(3, "1234.5", "8.75", 370350, 0, 0, 32406) },
    ],
    shipping_lines: [{ id: "sm_1", name: "Freight", ...freight }],
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

let sandbox: ErpSandbox
const registries: BreakerRegistry[] = []

/** Fresh breakers per connector so one test's failures never open another's circuit. */
function deps(extra: ConnectorDeps = {}): ConnectorDeps {
  const breakers = new BreakerRegistry()
  registries.push(breakers)
  return { breakers, ...extra }
}

const fast = { retry: { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 100 }, timeoutMs: 5000, connectTimeoutMs: 1000 }

function netsuite(extra: Record<string, unknown> = {}): ErpConnector {
  return createConnector(
    {
      kind: "netsuite",
      id: "sbx-ns",
      settings: {
        accountId: "1234567_SB1",
        baseUrl: sandbox.netsuiteBaseUrl,
        tokenUrl: sandbox.netsuiteTokenUrl,
        ...fast,
        ...extra,
      },
      credentials: { clientId: CREDENTIALS.clientId, certificateId: "cert-1", privateKey: PRIVATE_KEY_PEM },
    },
    deps()
  )
}

function businessCentral(extra: Record<string, unknown> = {}): ErpConnector {
  return createConnector(
    {
      kind: "business-central",
      id: "sbx-bc",
      settings: {
        tenantId: "contoso.onmicrosoft.com",
        environment: "sandbox",
        companyId: "b6f4017a-b749-ee11-ad0b-a1422c0f7f1f",
        apiRoot: sandbox.businessCentralBaseUrl,
        tokenUrl: sandbox.businessCentralTokenUrl,
        shippingLine: { lineType: "Account", number: "6810", description: "Freight" },
        ...fast,
        ...extra,
      },
      credentials: CREDENTIALS,
    },
    deps()
  )
}

function generic(extra: Record<string, unknown> = {}, d: ConnectorDeps = deps()): ErpConnector {
  return createConnector(
    {
      kind: "generic",
      id: "sbx-gen",
      settings: {
        baseUrl: sandbox.genericBaseUrl,
        auth: { type: "oauth2", tokenUrl: sandbox.genericTokenUrl },
        paths: {},
        ...fast,
        ...extra,
      },
      credentials: CREDENTIALS,
    },
    d
  )
}

beforeAll(async () => {
  sandbox = await startErpSandbox({ credentials: CREDENTIALS, netsuitePublicKey: publicKey })
})
afterEach(() => sandbox.reset())
afterAll(async () => {
  for (const r of registries) r.shutdown()
  await sandbox.close()
})

describe("NetSuite adapter against the sandbox", () => {
  it("upserts exactly once however often it is called, storing what NetSuite would hold", async () => {
    const ns = netsuite()
    await expect(
      ns.upsertCustomer({
        company_id: "comp_acme",
        name: "Acme Tools Inc.",
        email: "ap@acme.example",
        billing_address: address,
        shipping_address: address,
      })
    ).resolves.toMatchObject({ created: false })
    const first = await ns.upsertSalesOrder(order("order_ns_1"))
    await ns.upsertSalesOrder(order("order_ns_1"))
    await ns.upsertSalesOrder(order("order_ns_1", { po_number: "PO-77812-B" }))
    expect(sandbox.createCount("order_ns_1", "netsuite")).toBe(1)
    expect(sandbox.upsertCount("order_ns_1", "netsuite")).toBe(3)

    const stored = sandbox.salesOrder("order_ns_1", "netsuite")!
    expect(stored.erpId).toBe(first.erpId)
    expect(stored.fields).toMatchObject({
      externalId: "order_ns_1",
      entity: { externalId: "comp_acme" },
      otherRefNum: "PO-77812-B",
      shippingCost: 25,
    })
    // Line 1 is worth 229.88 after its discount, not 12 × a price in cents: the amount goes alone.
    expect(stored.lines.map((l) => [l.key, l.sku, l.quantity, l.unitPrice, l.amount, l.lineId])).toEqual([
      [1, "WR-1001", 12, undefined, "229.88", "li_1"],
      [2, "DR-2002", 3, "1234.5", "3703.5", "li_2"],
    ])
    expect(stored.raw).toContain('"rate":1234.50')
    expect(sandbox.customers("netsuite")).toHaveLength(1)
    // SuiteTax computes the tax: NetSuite's subtotal + shipping are the order's net amounts.
    expect(sandbox.documentTotal("order_ns_1", "netsuite")).toBeNull()
  })

  it("with the hub's tax stated (tax details override), NetSuite's total is the order's", async () => {
    const ns = netsuite({ taxDetails: { taxTypeId: "5", taxCodeId: "-8" }, shippingItemId: "77" })
    await ns.upsertSalesOrder(order("order_ns_tax"))
    expect(sandbox.documentTotal("order_ns_tax", "netsuite")).toBe("4300.83")
    expect(sandbox.salesOrder("order_ns_tax", "netsuite")!.fields).toMatchObject({
      taxDetailsOverride: true,
      taxDetails: {
        items: [
          { taxDetailsReference: "li_1", taxAmount: 18.39 },
          { taxDetailsReference: "li_2", taxAmount: 324.06 },
        ],
      },
    })
  })

  it("requests fulfillment once, reads the shipment back, cancels", async () => {
    const ns = netsuite()
    await ns.upsertSalesOrder(order("order_ns_2"))
    const request = {
      id: "ful_ns_2",
      order_id: "order_ns_2",
      lines: [{ line_id: "li_2", sku: "DR-2002", quantity: 2 }],
    }
    const created = await ns.createFulfillmentRequest(request)
    await expect(ns.createFulfillmentRequest(request)).resolves.toEqual({ erpRef: created.erpRef, created: false })
    expect(sandbox.fulfillmentRequests("netsuite")).toMatchObject([
      { externalId: "ful_ns_2", lines: [{ sku: "DR-2002", quantity: 2, orderLine: 2 }] },
    ])

    sandbox.addShipment({
      orderId: "order_ns_2",
      trackingNumber: "1Z999AA10123456784",
      carrier: "UPS Ground",
      lines: [{ sku: "DR-2002", quantity: 2, lineId: "li_2" }],
    })
    const shipments = await ns.readShipments(new Date(Date.now() - 86_400_000))
    expect(shipments).toEqual([
      expect.objectContaining({
        order_id: "order_ns_2",
        tracking_numbers: ["1Z999AA10123456784"],
        carrier: "UPS Ground",
        lines: [{ sku: "DR-2002", quantity: 2, line_id: "li_2" }],
      }),
    ])

    await expect(ns.cancelSalesOrder("order_ns_2")).resolves.toMatchObject({ status: "cancelled" })
    await expect(ns.cancelSalesOrder("order_ns_2")).resolves.toMatchObject({ status: "already_cancelled" })
    expect(sandbox.salesOrder("order_ns_2", "netsuite")!.status).toBe("cancelled")
  })

  it("stays under the account's concurrency limit with its own cap", async () => {
    const limited = await startErpSandbox({ latencyMs: 15, netsuiteConcurrencyLimit: 3 })
    try {
      const ns = createConnector(
        {
          kind: "netsuite",
          id: "sbx-ns-limited",
          settings: {
            accountId: "1",
            baseUrl: limited.netsuiteBaseUrl,
            tokenUrl: limited.netsuiteTokenUrl,
            concurrency: 3,
            ...fast,
          },
          credentials: { clientId: "c", certificateId: "k", privateKey: PRIVATE_KEY_PEM },
        },
        deps()
      )
      await Promise.all(Array.from({ length: 15 }, (_, i) => ns.upsertSalesOrder(order(`order_lim_${i}`))))
      expect(limited.stats()).toMatchObject({ concurrencyRejected: 0 })
      expect(limited.stats().netsuitePeakInFlight).toBeLessThanOrEqual(3)
      expect(limited.salesOrders("netsuite")).toHaveLength(15)
    } finally {
      await limited.close()
    }
  })
})

describe("Business Central adapter against the sandbox", () => {
  // BC refuses an order for a customer it does not have; the hub creates it first.
  const customer = {
    company_id: "comp_acme",
    name: "Acme Tools Inc.",
    email: "ap@acme.example",
    billing_address: address,
    shipping_address: address,
  }

  it("creates the order once: a second upsert finds it by externalDocumentNumber", async () => {
    const bc = businessCentral()
    await bc.upsertCustomer(customer)
    const first = await bc.upsertSalesOrder(order("order_bc_1"))
    const second = await bc.upsertSalesOrder(order("order_bc_1"))
    expect(first.created).toBe(true)
    expect(second).toEqual({ erpId: first.erpId, created: false })
    expect(sandbox.createCount("order_bc_1", "business-central")).toBe(1)
    expect(sandbox.salesOrders("business-central")).toHaveLength(1)
    const stored = sandbox.salesOrder("order_bc_1", "business-central")!
    expect(stored.lines.map((l) => [l.key, l.lineType, l.sku, l.quantity, l.unitPrice, l.discount])).toEqual([
      [5000, "Comment", "", 0, undefined, undefined],
      [10000, "Item", "WR-1001", 12, "19.99", "10"],
      [20000, "Item", "DR-2002", 3, "1234.5", "0"],
      [30000, "Account", "6810", 1, "25", undefined],
    ])
    // No tax codes set up in the sandbox's BC: it adds no tax, its total is the order's net.
    expect(sandbox.documentTotal("order_bc_1", "business-central")).toBe("3958.38")
  })

  it("with the hub's tax on tax lines, BC's total including tax is the order's (its setup taxes other codes at 10 %, the exempt one at 0)", async () => {
    const taxed = await startErpSandbox({
      credentials: CREDENTIALS,
      businessCentral: { taxPercents: { TAXABLE: "10", NONTAXABLE: "0" } },
    })
    try {
      const bc = createConnector(
        {
          kind: "business-central",
          id: "sbx-bc-tax",
          settings: {
            tenantId: "contoso.onmicrosoft.com",
            environment: "sandbox",
            companyId: "b6f4017a-b749-ee11-ad0b-a1422c0f7f1f",
            apiRoot: taxed.businessCentralBaseUrl,
            tokenUrl: taxed.businessCentralTokenUrl,
            shippingLine: { lineType: "Account", number: "6810" },
            taxLine: { lineType: "Account", number: "2310", exemptTaxCode: "NONTAXABLE" },
            ...fast,
          },
          credentials: CREDENTIALS,
        },
        deps()
      )
      await bc.upsertCustomer(customer)
      await bc.upsertSalesOrder(order("order_bc_tax"))
      expect(taxed.documentTotal("order_bc_tax", "business-central")).toBe("4300.83")
      expect(
        taxed.salesOrder("order_bc_tax", "business-central")!.lines.map((l) => [l.sku, l.unitPrice, l.taxCode])
      ).toEqual([
        ["", undefined, undefined],
        ["WR-1001", "19.99", "NONTAXABLE"],
        ["DR-2002", "1234.5", "NONTAXABLE"],
        ["6810", "25", "NONTAXABLE"],
        ["2310", "18.39", "NONTAXABLE"],
        ["2310", "324.06", "NONTAXABLE"],
      ])
    } finally {
      await taxed.close()
    }
  })

  it("resumes a sync that died after the first line without duplicating lines", async () => {
    const bc = businessCentral({ retry: { maxRetries: 0 } })
    await bc.upsertCustomer(customer)
    // Let the header and the PO comment line through, then fail the next line POST.
    sandbox.failNext(1, 500, undefined, { pathIncludes: "salesOrderLines", skip: 1 })
    await expect(bc.upsertSalesOrder(order("order_bc_2"))).rejects.toBeInstanceOf(ErpRetryableError)
    expect(sandbox.salesOrder("order_bc_2", "business-central")!.lines).toHaveLength(1)

    await expect(bc.upsertSalesOrder(order("order_bc_2"))).resolves.toMatchObject({ created: false })
    const lines = sandbox.salesOrder("order_bc_2", "business-central")!.lines
    expect(lines.map((l) => l.key)).toEqual([5000, 10000, 20000, 30000])
    expect(sandbox.createCount("order_bc_2", "business-central")).toBe(1)
  })

  it("updates a changed line in place with its ETag, requests fulfillment, reads shipments, cancels", async () => {
    const bc = businessCentral()
    await bc.upsertCustomer(customer)
    await bc.upsertSalesOrder(order("order_bc_3"))
    const changed = order("order_bc_3")
    changed.lines[1] = { ...changed.lines[1]!, quantity: 4 }
    await bc.upsertSalesOrder(changed)
    expect(sandbox.salesOrder("order_bc_3", "business-central")!.lines.find((l) => l.sku === "DR-2002")!.quantity).toBe(
      4
    )

    await expect(
      bc.createFulfillmentRequest({
        id: "ful_bc_3",
        order_id: "order_bc_3",
        lines: [{ line_id: "li_2", sku: "DR-2002", quantity: 2 }],
      })
    ).resolves.toMatchObject({ created: true })
    expect(sandbox.fulfillmentRequests("business-central")).toMatchObject([
      { orderId: "order_bc_3", lines: [{ sku: "DR-2002", quantity: 2 }] },
    ])

    // BC's v2.0 salesShipments page has no tracking number or carrier: the shipment comes back without them.
    sandbox.addShipment({
      orderId: "order_bc_3",
      trackingNumber: "JD014600006281440000",
      carrier: "DHL",
      lines: [{ sku: "DR-2002", quantity: 2 }],
    })
    await expect(bc.readShipments(new Date(Date.now() - 86_400_000))).resolves.toMatchObject([
      { order_id: "order_bc_3", tracking_numbers: [], carrier: undefined, lines: [{ sku: "DR-2002", quantity: 2 }] },
    ])

    await expect(bc.cancelSalesOrder("order_bc_3")).resolves.toMatchObject({ status: "cancelled" })
    await expect(bc.cancelSalesOrder("order_bc_3")).resolves.toEqual({ status: "not_found" })
  })

  it("gets a fresh token after the sandbox revokes them", async () => {
    const bc = businessCentral()
    await bc.healthCheck()
    const issued = sandbox.stats().tokensIssued
    sandbox.revokeTokens()
    await expect(bc.healthCheck()).resolves.toMatchObject({ ok: true })
    expect(sandbox.stats().tokensIssued).toBe(issued + 1)
  })
})

describe("generic adapter against the sandbox", () => {
  it("upserts with OAuth2, creates once, requests fulfillment, reads shipments, cancels", async () => {
    const erp = generic()
    await expect(erp.upsertSalesOrder(order("order_gen_1"))).resolves.toMatchObject({
      created: true,
      erpId: expect.stringMatching(/^SO-/),
    })
    await expect(erp.upsertSalesOrder(order("order_gen_1"))).resolves.toMatchObject({ created: false })
    expect(sandbox.createCount("order_gen_1", "generic")).toBe(1)
    expect(sandbox.upsertCount("order_gen_1", "generic")).toBe(2)
    const stored = sandbox.salesOrder("order_gen_1", "generic")!
    expect(stored.fields).toMatchObject({
      externalId: "order_gen_1",
      currency: "USD",
      poNumber: "PO-77812",
      shipping: 25,
      tax: 342.45,
      total: 4300.83,
    })
    expect(stored.raw).toContain('"unitPrice":1234.5,')
    expect(sandbox.documentTotal("order_gen_1", "generic")).toBe("4300.83")

    await expect(
      erp.createFulfillmentRequest({
        id: "ful_gen_1",
        order_id: "order_gen_1",
        lines: [{ line_id: "li_1", sku: "WR-1001", quantity: 12 }],
      })
    ).resolves.toMatchObject({ created: true })
    sandbox.addShipment({ orderId: "order_gen_1", trackingNumber: "9400111899223100000000", carrier: "USPS" })
    await expect(erp.readShipments(new Date(Date.now() - 60_000))).resolves.toMatchObject([
      {
        order_id: "order_gen_1",
        tracking_numbers: ["9400111899223100000000"],
        carrier: "USPS",
        lines: [
          { sku: "WR-1001", quantity: 12, line_id: "li_1" },
          { sku: "DR-2002", quantity: 3 },
        ],
      },
    ])
    await expect(erp.cancelSalesOrder("order_gen_1")).resolves.toMatchObject({ status: "cancelled" })
    await expect(erp.cancelSalesOrder("order_gen_1")).resolves.toEqual({ status: "already_cancelled" })
  })

  it("accepts a static bearer token", async () => {
    const erp = createConnector(
      {
        kind: "generic",
        settings: { baseUrl: sandbox.genericBaseUrl, auth: { type: "bearer" }, paths: {} },
        credentials: { token: "erp-sandbox-token" },
      },
      deps()
    )
    await expect(erp.healthCheck()).resolves.toMatchObject({ ok: true })
  })
})

describe("faults", () => {
  it("down (connection refused) fails fast as retryable; back up, the same call succeeds", async () => {
    const erp = generic({ retry: { maxRetries: 0 } })
    await sandbox.goDown("refuse")
    const error = await erp.upsertSalesOrder(order("order_down")).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpRetryableError)
    expect(error).toMatchObject({ retryable: true, requestMayHaveBeenProcessed: false })
    await sandbox.goUp()
    await expect(erp.upsertSalesOrder(order("order_down"))).resolves.toMatchObject({ created: true })
  })

  it("rides out a short 503 outage with retries", async () => {
    const erp = generic({ retry: { maxRetries: 6, baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 2000 } })
    await erp.healthCheck()
    await sandbox.goDown("503", 300)
    await expect(erp.upsertSalesOrder(order("order_503"))).resolves.toMatchObject({ created: true })
    expect(sandbox.stats().unavailable).toBeGreaterThan(0)
  })

  it("honours 429 Retry-After in seconds and as an HTTP-date", async () => {
    const erp = generic()
    await erp.healthCheck()
    sandbox.throttleNext(1, 1)
    let started = Date.now()
    await erp.upsertSalesOrder(order("order_429_a"))
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)

    sandbox.throttleNext(1, 2, { httpDate: true })
    started = Date.now()
    await erp.upsertSalesOrder(order("order_429_b"))
    // An HTTP-date has one-second resolution: the wait is between 1 and 2 seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(sandbox.stats().throttled).toBe(2)
    expect(sandbox.createCount("order_429_a")).toBe(1)
  })

  it("aims a throttle or a failure at one request (method + path): other callers go through untouched", async () => {
    const erp = generic({ retry: { maxRetries: 0 } })
    await erp.healthCheck()
    sandbox.throttleNext(1, 1, { method: "PUT", pathIncludes: "/orders/" })
    // Another caller first (a scheduled poll, say): its reads and its other writes are not the target.
    await expect(erp.readShipments(new Date(Date.now() - 60_000))).resolves.toEqual([])
    await expect(erp.cancelSalesOrder("order_aimed")).resolves.toEqual({ status: "not_found" })
    await expect(erp.upsertCustomer(order("order_aimed").customer)).resolves.toBeDefined()
    expect(sandbox.stats().throttled).toBe(0)

    const patient = generic({ retry: { maxRetries: 1, baseDelayMs: 20, maxRetryAfterMs: 2000 } })
    const started = Date.now()
    await expect(patient.upsertSalesOrder(order("order_aimed"))).resolves.toMatchObject({ created: true })
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(sandbox.stats().throttled).toBe(1)

    // The method is matched in any case; a failure aimed at the order's write skips the cancel (POST).
    sandbox.failNext(1, 500, undefined, { method: "put", pathIncludes: "/orders/order_aimed_2" })
    await expect(erp.cancelSalesOrder("order_aimed_2")).resolves.toEqual({ status: "not_found" })
    await expect(erp.upsertSalesOrder(order("order_aimed_2"))).rejects.toBeInstanceOf(ErpRetryableError)
    expect(sandbox.stats().failed).toBe(1)
    await expect(erp.upsertSalesOrder(order("order_aimed_2"))).resolves.toMatchObject({ created: true })
  })

  it("opens the connection's breaker after repeated 5xx and fails fast while open", async () => {
    const breakers = new BreakerRegistry({ volumeThreshold: 5, resetTimeoutMs: 60_000 })
    registries.push(breakers)
    const erp = generic({ retry: { maxRetries: 0 } }, { breakers })
    await sandbox.goDown("503")
    for (let i = 0; i < 5; i++)
      await expect(erp.upsertSalesOrder(order(`order_brk_${i}`))).rejects.toBeInstanceOf(ErpRetryableError)
    const before = sandbox.stats().requests.generic
    await expect(erp.upsertSalesOrder(order("order_brk_x"))).rejects.toBeInstanceOf(ErpCircuitOpenError)
    expect(sandbox.stats().requests.generic).toBe(before)
    await expect(erp.healthCheck()).resolves.toMatchObject({
      ok: false,
      breaker: "open",
      error: { code: "ERR_ERP_CIRCUIT_OPEN" },
    })
  })

  it("adds the configured latency to every ERP answer", async () => {
    const erp = generic()
    await erp.healthCheck()
    sandbox.setLatency(60)
    const started = Date.now()
    await erp.upsertSalesOrder(order("order_slow"))
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
  })

  // Throughput is bench:erp-sync's to measure (a timed test fails on a busy machine); this checks the load is served.
  it("serves a benchmark's load (64 concurrent connections, 20 ms latency): every order stored once", async () => {
    sandbox.setLatency(20)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
    const body = JSON.stringify({
      externalId: "x",
      lines: [{ itemNo: "WR-1001", quantity: 1, unitPrice: 19.99 }],
      total: 19.99,
    })
    const put = (id: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          `${sandbox.genericBaseUrl}/orders/${id}`,
          {
            method: "PUT",
            agent,
            headers: { "Content-Type": "application/json", Authorization: "Bearer erp-sandbox-token" },
          },
          (res) => res.resume().on("end", () => resolve(res.statusCode ?? 0))
        )
        req.on("error", reject)
        req.end(body)
      })
    const total = 400
    let next = 0
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < total) expect(await put(`order_bench_${next++}`)).toBe(201)
      })
    )
    agent.destroy()
    expect(sandbox.salesOrders("generic")).toHaveLength(total)
  })
})

describe("control surface over HTTP", () => {
  it("throttles, reports counts and state under /_sandbox", async () => {
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${sandbox.url}/_sandbox${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      })
    const erp = generic()
    await erp.upsertSalesOrder(order("order_ctl"))
    expect((await post("/throttle", { n: 1, retryAfterSeconds: 0 })).status).toBe(200)
    await erp.upsertSalesOrder(order("order_ctl"))

    const counts = await (await fetch(`${sandbox.url}/_sandbox/orders/order_ctl?kind=generic`)).json()
    expect(counts).toMatchObject({ upsertCount: 2, createCount: 1, orders: [{ externalId: "order_ctl" }] })
    const state = await (await fetch(`${sandbox.url}/_sandbox/state`)).json()
    expect(state.stats).toMatchObject({ throttled: 1 })
    expect((await post("/down", { mode: "refuse" })).status).toBe(400)
    expect((await post("/down", { mode: "503" })).status).toBe(200)
    await expect(generic({ retry: { maxRetries: 0 } }).healthCheck()).resolves.toMatchObject({
      ok: false,
      error: { code: "ERR_ERP_RETRYABLE" },
    })
    expect((await post("/up", {})).status).toBe(200)
  })

  it("aims /throttle and /fail at a method and path", async () => {
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${sandbox.url}/_sandbox${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      })
    const erp = generic({ retry: { maxRetries: 0 } })
    await post("/throttle", { n: 1, retryAfterSeconds: 0, method: "PUT", pathIncludes: "/orders/" })
    await post("/fail", { n: 1, status: 500, method: "PUT", pathIncludes: "/customers/" })
    await expect(erp.healthCheck()).resolves.toMatchObject({ ok: true })
    expect(sandbox.stats()).toMatchObject({ throttled: 0, failed: 0 })
    await expect(erp.upsertSalesOrder(order("order_ctl_aimed"))).rejects.toMatchObject({ status: 429 })
    await expect(erp.upsertCustomer(order("order_ctl_aimed").customer)).rejects.toMatchObject({ status: 500 })
    expect(sandbox.stats()).toMatchObject({ throttled: 1, failed: 1 })
  })
})
