import nock from "nock"
import { inspect } from "node:util"
import { BusinessCentralConnector } from "../../business-central/connector"
import { customerNumberFor, toBcSalesOrder, toBcSalesOrderLines } from "../../business-central/mapping"
import { stringifyJson } from "../../lib/json"
import type { BusinessCentralSettings } from "../../business-central/settings"
import { createConnector } from "../../lib/create-connector"
import { ErpAuthError, ErpConfigError, ErpPermanentError, ErpRetryableError } from "../../lib/errors"
import { captureBodies, COMPANY_ID, formOf, ORDER_ID, sampleCustomer, sampleOrder, testDeps } from "../fixtures"

const TENANT = "7f3c1b2a-0d4e-4f5a-9b6c-1e2d3f4a5b6c"
const COMPANY = "b6f4017a-b749-ee11-ad0b-a1422c0f7f1f"
const API = "https://api.businesscentral.dynamics.com"
const BASE = `/v2.0/${TENANT}/production/api/v2.0/companies(${COMPANY})`
const LOGIN = "https://login.microsoftonline.com"
const CLIENT_SECRET = "bc~Client.Secret_0123456789abcdef"
const SO_ID = "5d115c9c-44e3-ea11-bb43-000d3a2feca1"
const FILTER = { $filter: `externalDocumentNumber eq '${ORDER_ID}'`, $expand: "salesOrderLines" }

const settings: BusinessCentralSettings = {
  tenantId: TENANT,
  environment: "production",
  companyId: COMPANY,
  localCurrencyCode: "GBP",
  shippingLine: { lineType: "Account", number: "6810", description: "Freight" },
  retry: { maxRetries: 2, baseDelayMs: 10 },
}

function connector(overrides: Partial<BusinessCentralSettings> = {}): {
  bc: BusinessCentralConnector
  deps: ReturnType<typeof testDeps>
} {
  const deps = testDeps()
  const bc = createConnector(
    {
      kind: "business-central",
      id: "conn_bc",
      settings: { ...settings, ...overrides },
      credentials: { clientId: "app-client-id", clientSecret: CLIENT_SECRET },
    },
    deps
  ) as BusinessCentralConnector
  return { bc, deps }
}

function tokenEndpoint(token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.bc-token-1"): nock.Scope {
  return nock(LOGIN)
    .post(`/${TENANT}/oauth2/v2.0/token`, (body) => {
      const form = formOf(body)
      return (
        form.grant_type === "client_credentials" &&
        form.client_id === "app-client-id" &&
        form.client_secret === CLIENT_SECRET &&
        form.scope === "https://api.businesscentral.dynamics.com/.default"
      )
    })
    .reply(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token })
}

const etag = (n: number): string => `W/"JzE5OzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTs${n}Oyc="`
const bcError = (code: string, message: string): Record<string, unknown> => ({ error: { code, message } })

/** The order as BC returns it after our POST. */
function bcOrder(lines: Array<Record<string, unknown>> = []): Record<string, unknown> {
  return {
    "@odata.etag": etag(1),
    id: SO_ID,
    number: "S-ORD101005",
    externalDocumentNumber: ORDER_ID,
    orderDate: "2025-03-14",
    customerNumber: customerNumberFor({ company_id: COMPANY_ID }),
    currencyCode: "USD",
    email: "ap@acme.example",
    phoneNumber: "+1 559 555 0100",
    billToName: "Acme Tools Inc.",
    billToAddressLine1: "500 Industrial Way",
    billToAddressLine2: "",
    billToCity: "Fresno",
    billToState: "CA",
    billToCountry: "US",
    billToPostCode: "93706",
    sellToAddressLine1: "500 Industrial Way",
    sellToAddressLine2: "",
    sellToCity: "Fresno",
    sellToState: "CA",
    sellToCountry: "US",
    sellToPostCode: "93706",
    shipToName: "Acme Tools Inc.",
    shipToContact: "Dana Ruiz",
    shipToAddressLine1: "500 Industrial Way",
    shipToAddressLine2: "Dock 4",
    shipToCity: "Fresno",
    shipToState: "CA",
    shipToCountry: "US",
    shipToPostCode: "93706",
    pricesIncludeTax: false,
    status: "Draft",
    salesOrderLines: lines,
  }
}

const bcLine = (sequence: number, extra: Record<string, unknown>): Record<string, unknown> => ({
  "@odata.etag": etag(sequence),
  id: `line-${sequence}`,
  documentId: SO_ID,
  sequence,
  ...extra,
})

const LINE_1 = {
  lineType: "Item",
  lineObjectNumber: "WR-1001",
  description: "Torque wrench",
  quantity: 12,
  unitPrice: 19.99,
  discountAmount: 10,
}
const LINE_2 = {
  lineType: "Item",
  lineObjectNumber: "DR-2002",
  description: "Drill press",
  quantity: 3,
  unitPrice: 1234.5,
  discountAmount: 0,
}
const PO_LINE = { lineType: "Comment", lineObjectNumber: "", description: "Customer PO PO-77812" }
const FREIGHT = { lineType: "Account", lineObjectNumber: "6810", description: "Freight", quantity: 1, unitPrice: 25 }

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => {
  nock.enableNetConnect()
  // Un-patch node:http (shared by every test file in this worker) so later suites talk to real servers at full speed.
  nock.restore()
})

describe("upsertSalesOrder", () => {
  it("looks the order up, creates the header, then each line, with exact money", async () => {
    tokenEndpoint()
    nock(API).get(`${BASE}/salesOrders`).query(FILTER).reply(200, { "@odata.context": "…", value: [] })
    let header: Record<string, unknown> = {}
    nock(API)
      .post(`${BASE}/salesOrders`, (b) => ((header = b), true))
      .reply(201, bcOrder())
    const lines = nock(API)
      .post(`${BASE}/salesOrders(${SO_ID})/salesOrderLines`)
      .times(4)
      .reply(201, (_uri, body) => body as Record<string, unknown>)
    const raw = captureBodies(lines)

    const { bc } = connector()
    await expect(bc.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: SO_ID, created: true })
    lines.done()

    expect(header).toEqual({
      externalDocumentNumber: ORDER_ID,
      orderDate: "2025-03-14",
      customerNumber: customerNumberFor({ company_id: COMPANY_ID }),
      currencyCode: "USD",
      email: "ap@acme.example",
      phoneNumber: "+1 559 555 0100",
      // Bill-to is read-only on the v2.0 page: BC takes it from the customer. The billing address is the sell-to address.
      sellToAddressLine1: "500 Industrial Way",
      sellToAddressLine2: "",
      sellToCity: "Fresno",
      sellToState: "CA",
      sellToCountry: "US",
      sellToPostCode: "93706",
      shipToName: "Acme Tools Inc.",
      shipToContact: "Dana Ruiz",
      shipToAddressLine1: "500 Industrial Way",
      shipToAddressLine2: "Dock 4",
      shipToCity: "Fresno",
      shipToState: "CA",
      shipToCountry: "US",
      shipToPostCode: "93706",
      pricesIncludeTax: false,
    })
    expect(Object.keys(header).filter((k) => /^billTo|^customerName$/.test(k))).toEqual([])
    expect(raw.map((r) => JSON.parse(r))).toEqual(
      [
        { sequence: 5000, ...PO_LINE, lineObjectNumber: undefined },
        { sequence: 10000, ...LINE_1 },
        { sequence: 20000, ...LINE_2 },
        { sequence: 30000, ...FREIGHT },
      ].map((l) => JSON.parse(JSON.stringify(l)))
    )
    expect(raw[1]).toContain('"unitPrice":19.99,"discountAmount":10.00')
    expect(raw[2]).toContain('"unitPrice":1234.50')
    expect(raw[3]).toContain('"unitPrice":25.00')
  })

  it("finds an existing order by externalDocumentNumber and does not POST a second one", async () => {
    tokenEndpoint()
    const existing = bcOrder([
      bcLine(5000, PO_LINE),
      bcLine(10000, LINE_1),
      bcLine(20000, LINE_2),
      bcLine(30000, FREIGHT),
    ])
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [existing] })
    const post = nock(API).post(`${BASE}/salesOrders`).reply(201, {})
    const { bc } = connector()
    await expect(bc.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: SO_ID, created: false })
    expect(post.isDone()).toBe(false)
    expect(nock.pendingMocks()).toEqual([`POST ${API}:443${BASE}/salesOrders`])
  })

  it("patches a changed header with If-Match and the record's ETag", async () => {
    tokenEndpoint()
    const existing = bcOrder([
      bcLine(5000, PO_LINE),
      bcLine(10000, LINE_1),
      bcLine(20000, LINE_2),
      bcLine(30000, FREIGHT),
    ])
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [{ ...existing, shipToCity: "Visalia" }] })
    const patch = nock(API)
      .patch(`${BASE}/salesOrders(${SO_ID})`, { shipToCity: "Fresno" })
      .matchHeader("if-match", etag(1))
      .reply(200, { ...existing, "@odata.etag": etag(2) })
    await connector().bc.upsertSalesOrder(sampleOrder())
    patch.done()
  })

  it("resumes a half-synced order: only the missing line is created, a changed one is patched", async () => {
    tokenEndpoint()
    const existing = bcOrder([bcLine(5000, PO_LINE), bcLine(10000, { ...LINE_1, quantity: 10 })])
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [existing] })
    const patch = nock(API)
      .patch(
        `${BASE}/salesOrders(${SO_ID})/salesOrderLines(line-10000)`,
        (b) => b.quantity === 12 && b.unitPrice === 19.99
      )
      .matchHeader("if-match", etag(10000))
      .reply(200, {})
    const created: number[] = []
    nock(API)
      .post(`${BASE}/salesOrders(${SO_ID})/salesOrderLines`, (b) => (created.push(b.sequence), true))
      .times(2)
      .reply(201, {})
    await expect(connector().bc.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: SO_ID, created: false })
    patch.done()
    expect(created).toEqual([20000, 30000])
  })

  it("deletes lines the order no longer has", async () => {
    tokenEndpoint()
    const existing = bcOrder([
      bcLine(5000, PO_LINE),
      bcLine(10000, LINE_1),
      bcLine(20000, LINE_2),
      bcLine(30000, FREIGHT),
      bcLine(40000, { lineType: "Item", lineObjectNumber: "OLD-1", quantity: 1, unitPrice: 1 }),
    ])
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [existing] })
    const del = nock(API)
      .delete(`${BASE}/salesOrders(${SO_ID})/salesOrderLines(line-40000)`)
      .matchHeader("if-match", etag(40000))
      .reply(204)
    await connector().bc.upsertSalesOrder(sampleOrder())
    del.done()
  })

  it("on 409 Request_EntityChanged re-reads the record and sends what it still needs with the new ETag", async () => {
    tokenEndpoint()
    const existing = bcOrder([
      bcLine(5000, PO_LINE),
      bcLine(10000, LINE_1),
      bcLine(20000, LINE_2),
      bcLine(30000, FREIGHT),
    ])
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [{ ...existing, email: "old@acme.example" }] })
    nock(API)
      .patch(`${BASE}/salesOrders(${SO_ID})`, { email: "ap@acme.example" })
      .matchHeader("if-match", etag(1))
      .reply(
        409,
        bcError(
          "Request_EntityChanged",
          "Another user has already changed the record.  CorrelationId:  1b4e28ba-2fa1-11d2-883f-0016d3cca427."
        )
      )
    // Meanwhile a BC user changed the ship-to city too: the retry restores it as well.
    nock(API)
      .get(`${BASE}/salesOrders(${SO_ID})`)
      .reply(200, { ...existing, email: "old@acme.example", shipToCity: "Visalia", "@odata.etag": etag(7) })
    const retry = nock(API)
      .patch(`${BASE}/salesOrders(${SO_ID})`, { email: "ap@acme.example", shipToCity: "Fresno" })
      .matchHeader("if-match", etag(7))
      .reply(200, {})
    await connector().bc.upsertSalesOrder(sampleOrder())
    retry.done()
  })

  it("gives up after three conflicting writes with a retryable error, and a 409 of another kind is not retried", async () => {
    tokenEndpoint()
    const existing = bcOrder([
      bcLine(5000, PO_LINE),
      bcLine(10000, LINE_1),
      bcLine(20000, LINE_2),
      bcLine(30000, FREIGHT),
    ])
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [{ ...existing, email: "old@acme.example" }] })
    const changed = bcError("Request_EntityChanged", "Another user has already changed the record.")
    const patches = nock(API).patch(`${BASE}/salesOrders(${SO_ID})`).times(3).reply(409, changed)
    nock(API)
      .get(`${BASE}/salesOrders(${SO_ID})`)
      .times(2)
      .reply(200, { ...existing, email: "old@acme.example", "@odata.etag": etag(8) })
    const error = await connector()
      .bc.upsertSalesOrder(sampleOrder())
      .catch((e: unknown) => e)
    patches.done()
    expect(error).toBeInstanceOf(ErpRetryableError)
    expect(error).toMatchObject({ status: 409, vendorCode: "Request_EntityChanged", retryable: true })

    tokenEndpoint()
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [{ ...existing, email: "old@acme.example" }] })
    nock(API)
      .patch(`${BASE}/salesOrders(${SO_ID})`)
      .reply(409, bcError("Internal_EntityWithSameKeyExists", "The record already exists."))
    await expect(connector().bc.upsertSalesOrder(sampleOrder())).rejects.toMatchObject({
      code: "ERR_ERP_PERMANENT",
      status: 409,
    })
  })

  it("a line deleted by someone else while we delete it is done, not an error", async () => {
    tokenEndpoint()
    const existing = bcOrder([
      bcLine(5000, PO_LINE),
      bcLine(10000, LINE_1),
      bcLine(20000, LINE_2),
      bcLine(30000, FREIGHT),
      bcLine(40000, { lineType: "Item", lineObjectNumber: "OLD-1", quantity: 1, unitPrice: 1 }),
    ])
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [existing] })
    const line = `${BASE}/salesOrders(${SO_ID})/salesOrderLines(line-40000)`
    nock(API).delete(line).reply(409, bcError("Request_EntityChanged", "Another user has already changed the record."))
    nock(API)
      .get(line)
      .reply(404, bcError("Internal_RecordNotFound", "The Sales Invoice Line Aggregate does not exist."))
    await expect(connector().bc.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: SO_ID, created: false })
  })

  it("sends the local currency as an empty code", async () => {
    tokenEndpoint()
    nock(API).get(`${BASE}/salesOrders`).query(true).reply(200, { value: [] })
    nock(API)
      .post(`${BASE}/salesOrders`, (b) => b.currencyCode === "")
      .reply(201, bcOrder())
    nock(API).post(`${BASE}/salesOrders(${SO_ID})/salesOrderLines`).times(4).reply(201, {})
    await connector().bc.upsertSalesOrder(sampleOrder({ currency_code: "gbp" }))
  })

  it("classifies a BC 400 error body as permanent with its code", async () => {
    tokenEndpoint()
    nock(API).get(`${BASE}/salesOrders`).query(true).reply(200, { value: [] })
    nock(API)
      .post(`${BASE}/salesOrders`)
      .reply(
        400,
        bcError(
          "Internal_RecordNotFound",
          "The Customer does not exist. Identification fields and values: No.='BK123'  CorrelationId:  4ae5a0e4-0c1f-4a58-a1b0-5f1e7b9c2d11."
        )
      )
    const error = await connector()
      .bc.upsertSalesOrder(sampleOrder())
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpPermanentError)
    expect(error).toMatchObject({
      retryable: false,
      status: 400,
      vendorCode: "Internal_RecordNotFound",
      operation: "upsertSalesOrder",
    })
    expect((error as Error).message).toContain("The Customer does not exist")
  })

  it("waits out 429 throttling (Retry-After in seconds) and 503, then succeeds", async () => {
    tokenEndpoint()
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(true)
      .reply(429, bcError("Application_TooManyRequests", "Too many requests reached. Actual (6001). Maximum (6000)."), {
        "Retry-After": "5",
      })
      .get(`${BASE}/salesOrders`)
      .query(true)
      .reply(503, bcError("Internal_ServiceUnavailable", "The service is temporarily unavailable."))
      .get(`${BASE}/salesOrders`)
      .query(true)
      .reply(200, {
        value: [bcOrder([bcLine(5000, PO_LINE), bcLine(10000, LINE_1), bcLine(20000, LINE_2), bcLine(30000, FREIGHT)])],
      })
    const { bc, deps } = connector()
    await expect(bc.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: SO_ID, created: false })
    expect(deps.sleeps[0]).toBe(5000)
    expect(deps.sleeps).toHaveLength(2)
  })

  it("honours Retry-After given as an HTTP-date", async () => {
    const now = Date.parse("2025-03-14T16:20:00.000Z")
    tokenEndpoint()
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(true)
      .reply(429, bcError("Application_TooManyRequests", "Too many requests"), {
        "Retry-After": new Date(now + 4000).toUTCString(),
      })
      .get(`${BASE}/salesOrders`)
      .query(true)
      .reply(200, {
        value: [bcOrder([bcLine(5000, PO_LINE), bcLine(10000, LINE_1), bcLine(20000, LINE_2), bcLine(30000, FREIGHT)])],
      })
    const deps = testDeps({ now: () => now })
    const bc = new BusinessCentralConnector(
      settings,
      { clientId: "app-client-id", clientSecret: CLIENT_SECRET },
      deps,
      "conn_date"
    )
    await bc.upsertSalesOrder(sampleOrder())
    expect(deps.sleeps).toEqual([4000])
  })

  it("refreshes the token once on 401, and a second 401 is an auth error with no secret in it", async () => {
    tokenEndpoint("bc-token-stale-aaaa")
    tokenEndpoint("bc-token-fresh-bbbb")
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(true)
      .matchHeader("authorization", "Bearer bc-token-stale-aaaa")
      .reply(401, bcError("Authentication_InvalidCredentials", "The server has rejected the client credentials."))
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(true)
      .matchHeader("authorization", "Bearer bc-token-fresh-bbbb")
      .reply(
        401,
        bcError("Authentication_InvalidCredentials", `The server has rejected the client credentials ${CLIENT_SECRET}.`)
      )
    const { bc, deps } = connector()
    const error = await bc.upsertSalesOrder(sampleOrder()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpAuthError)
    expect(bc.tokenRequestCount).toBe(2)
    for (const text of [JSON.stringify(error), inspect(error), String((error as Error).stack), deps.logs.join("\n")]) {
      expect(text).not.toContain(CLIENT_SECRET)
      expect(text).not.toContain("bc-token-fresh-bbbb")
      expect(text).not.toContain("bc-token-stale-aaaa")
    }
  })

  it("fails loudly when the order has shipping but no shipping line is configured", async () => {
    await expect(connector({ shippingLine: undefined }).bc.upsertSalesOrder(sampleOrder())).rejects.toBeInstanceOf(
      ErpConfigError
    )
  })

  /** The lines toBcSalesOrderLines would write, as BC receives them. */
  const linesOf = (order: ReturnType<typeof sampleOrder>, overrides: Partial<BusinessCentralSettings> = {}) =>
    JSON.parse(stringifyJson(toBcSalesOrderLines(order, { ...settings, ...overrides }))).map((l: any) => [
      l.sequence,
      l.lineType,
      l.lineObjectNumber,
      l.quantity,
      l.unitPrice,
      l.discountAmount,
      l.taxCode,
    ])

  it("with taxLine states the hub's tax: every line exempt, one tax line per rate on the tax account, net prices", () => {
    expect(
      linesOf(sampleOrder(), {
        taxLine: { lineType: "Account", number: "2310", exemptTaxCode: "NONTAXABLE", description: "Sales tax" },
      })
    ).toEqual([
      [5000, "Comment", undefined, undefined, undefined, undefined, undefined],
      [10000, "Item", "WR-1001", 12, 19.99, 10, "NONTAXABLE"],
      [20000, "Item", "DR-2002", 3, 1234.5, 0, "NONTAXABLE"],
      [30000, "Account", "6810", 1, 25, undefined, "NONTAXABLE"],
      [40000, "Account", "2310", 1, 18.39, undefined, "NONTAXABLE"],
      [50000, "Account", "2310", 1, 324.06, undefined, "NONTAXABLE"],
    ])
  })

  it("a tax-inclusive order BC taxes itself goes with pricesIncludeTax and gross prices and discounts, so BC's amounts including tax are the order's", () => {
    const order = sampleOrder({
      tax_inclusive: true,
      po_number: undefined,
      shipping_lines: [],
      shipping_minor: "0",
      subtotal_minor: "10000",
      discount_minor: "1000",
      discount_tax_minor: "100",
      tax_minor: "900",
      total_minor: "9900",
    })
    // Gross 110.00 at 10 % less a gross 11.00 discount: 90.00 net + 9.00 tax = 99.00.
    order.lines = [
      {
        ...order.lines[0]!,
        quantity: 1,
        unit_price: "110",
        unit_price_minor: "11000",
        tax_inclusive: true,
        tax_rate: "10",
        subtotal_minor: "10000",
        discount_minor: "1000",
        discount_tax_minor: "100",
        net_minor: "9000",
        tax_minor: "900",
        total_minor: "9900",
      },
    ]
    expect(toBcSalesOrder(order, settings).pricesIncludeTax).toBe(true)
    expect(linesOf(order, { taxCodes: { "10": "VAT10" } })).toEqual([[10000, "Item", "WR-1001", 1, 110, 11, "VAT10"]])
    // The same order with the hub's tax stated: net, and no gross price BC would add tax to.
    const taxLine = { lineType: "Account" as const, number: "2310", exemptTaxCode: "NOVAT" }
    expect(toBcSalesOrder(order, { ...settings, taxLine }).pricesIncludeTax).toBe(false)
    expect(linesOf(order, { taxLine })).toEqual([
      [10000, "Item", "WR-1001", 1, 100, 10, "NOVAT"],
      [20000, "Account", "2310", 1, 9, undefined, "NOVAT"],
    ])
  })

  it("never throws on a unit price finer than the currency: it is sent when it multiplies out, else rounded up with the rest in the discount", () => {
    const order = sampleOrder({
      po_number: undefined,
      shipping_lines: [],
      shipping_minor: "0",
      subtotal_minor: "5050",
      discount_minor: "0",
      discount_tax_minor: "0",
      tax_minor: "0",
      total_minor: "5050",
    })
    order.lines = [
      {
        ...order.lines[0]!,
        quantity: 4,
        unit_price: "10.125",
        unit_price_minor: "1013",
        tax_rate: "0",
        subtotal_minor: "4050",
        discount_minor: "0",
        discount_tax_minor: "0",
        net_minor: "4050",
        tax_minor: "0",
        total_minor: "4050",
      },
      // 10.00 for 3 (a price Medusa keeps as 3.333…): 3 × 3.34 = 10.02, discount 0.02.
      {
        ...order.lines[1]!,
        quantity: 3,
        unit_price: "3.3333333333",
        unit_price_minor: "333",
        tax_rate: "0",
        subtotal_minor: "1000",
        net_minor: "1000",
        tax_minor: "0",
        total_minor: "1000",
      },
    ]
    expect(linesOf(order)).toEqual([
      [10000, "Item", "WR-1001", 4, 10.125, 0, undefined],
      [20000, "Item", "DR-2002", 3, 3.34, 0.02, undefined],
    ])
  })

  it("books shipping after its discount (free shipping books no freight) and a credit on the credit line", () => {
    const order = sampleOrder({
      credit_minor: "500",
      discount_minor: "3500",
      total_minor: "427083",
      po_number: undefined,
    })
    order.shipping_lines = [{ ...order.shipping_lines[0]!, discount_minor: "2500", net_minor: "0", total_minor: "0" }]
    Object.assign(order, { shipping_minor: "0", total_minor: "427083" })
    expect(() => toBcSalesOrderLines(order, settings)).toThrow(/creditLine/)
    expect(linesOf(order, { creditLine: { lineType: "Account", number: "6910" } })).toEqual([
      [10000, "Item", "WR-1001", 12, 19.99, 10, undefined],
      [20000, "Item", "DR-2002", 3, 1234.5, 0, undefined],
      [30000, "Account", "6910", -1, 5, undefined, undefined],
    ])
  })
})

describe("upsertCustomer", () => {
  it("creates the customer under a stable derived number when BC has none", async () => {
    tokenEndpoint()
    const number = customerNumberFor({ company_id: COMPANY_ID })
    expect(number).toMatch(/^BK[A-Z2-7]{18}$/)
    nock(API)
      .get(`${BASE}/customers`)
      .query({ $filter: `number eq '${number}'` })
      .reply(200, { value: [] })
    nock(API)
      .post(
        `${BASE}/customers`,
        (b) =>
          b.number === number &&
          b.displayName === "Acme Tools Inc." &&
          b.type === "Company" &&
          b.country === "US" &&
          b.currencyCode === "USD"
      )
      .reply(201, { id: "cust-guid", number })
    await expect(connector().bc.upsertCustomer(sampleCustomer())).resolves.toEqual({
      erpId: "cust-guid",
      accountNumber: number,
      created: true,
    })
  })

  it("explains a refused customer number: the number series does not allow manual numbers", async () => {
    tokenEndpoint()
    const number = customerNumberFor({ company_id: COMPANY_ID })
    nock(API).get(`${BASE}/customers`).query(true).reply(200, { value: [] })
    nock(API)
      .post(`${BASE}/customers`)
      .reply(
        400,
        bcError(
          "Application_DialogException",
          "You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series CUST.  CorrelationId:  0f8fad5b-d9cb-469f-a165-70867728950e."
        )
      )
    const error = await connector()
      .bc.upsertCustomer(sampleCustomer())
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpConfigError)
    expect(error).toMatchObject({ retryable: false, status: 400, vendorCode: "Application_DialogException" })
    expect((error as Error).message).toContain(`refused customer number ${number}`)
    expect((error as Error).message).toContain("Manual Nos.")
    expect((error as Error).message).toContain("erp_account_number")
  })

  it("patches an existing customer found by its account number", async () => {
    tokenEndpoint()
    nock(API)
      .get(`${BASE}/customers`)
      .query({ $filter: "number eq '10000'" })
      .reply(200, { value: [{ "@odata.etag": etag(3), id: "cust-guid", number: "10000", displayName: "Acme" }] })
    const patch = nock(API)
      .patch(`${BASE}/customers(cust-guid)`, (b) => b.displayName === "Acme Tools Inc." && b.number === undefined)
      .matchHeader("if-match", etag(3))
      .reply(200, {})
    await expect(connector().bc.upsertCustomer(sampleCustomer({ erp_account_number: "10000" }))).resolves.toEqual({
      erpId: "cust-guid",
      accountNumber: "10000",
      created: false,
    })
    patch.done()
  })
})

describe("cancel, fulfillment, shipments, health", () => {
  it("cancels by deleting the unposted order with If-Match; a missing order is not_found", async () => {
    tokenEndpoint()
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query({ $filter: `externalDocumentNumber eq '${ORDER_ID}'` })
      .reply(200, { value: [bcOrder()] })
    const del = nock(API).delete(`${BASE}/salesOrders(${SO_ID})`).matchHeader("if-match", etag(1)).reply(204)
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query({ $filter: "externalDocumentNumber eq 'order_x'" })
      .reply(200, { value: [] })
    const { bc } = connector()
    await expect(bc.cancelSalesOrder(ORDER_ID)).resolves.toEqual({ status: "cancelled", erpId: SO_ID })
    await expect(bc.cancelSalesOrder("order_x")).resolves.toEqual({ status: "not_found" })
    del.done()
  })

  it("escapes quotes in OData filters", async () => {
    tokenEndpoint()
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query({ $filter: "externalDocumentNumber eq 'o''brien'" })
      .reply(200, { value: [] })
    await expect(connector().bc.cancelSalesOrder("o'brien")).resolves.toEqual({ status: "not_found" })
  })

  it("requests fulfillment by setting each line's shipQuantity, and a repeat changes nothing", async () => {
    tokenEndpoint()
    const lines = [bcLine(10000, { ...LINE_1, shipQuantity: 12 }), bcLine(20000, { ...LINE_2, shipQuantity: 3 })]
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [bcOrder(lines)] })
    const p1 = nock(API)
      .patch(`${BASE}/salesOrders(${SO_ID})/salesOrderLines(line-10000)`, { shipQuantity: 0 })
      .reply(200, {})
    const p2 = nock(API)
      .patch(`${BASE}/salesOrders(${SO_ID})/salesOrderLines(line-20000)`, { shipQuantity: 2 })
      .reply(200, {})
    const { bc } = connector()
    const req = { id: "ful_01", order_id: ORDER_ID, lines: [{ line_id: "ordli_02", sku: "DR-2002", quantity: 2 }] }
    await expect(bc.createFulfillmentRequest(req)).resolves.toEqual({ erpRef: "S-ORD101005", created: true })
    p1.done()
    p2.done()

    const done = [bcLine(10000, { ...LINE_1, shipQuantity: 0 }), bcLine(20000, { ...LINE_2, shipQuantity: 2 })]
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [bcOrder(done)] })
    await expect(bc.createFulfillmentRequest(req)).resolves.toEqual({ erpRef: "S-ORD101005", created: false })
  })

  it("withdraws a fulfillment request by setting Qty. to Ship back to 0", async () => {
    tokenEndpoint()
    const lines = [bcLine(10000, { ...LINE_1, shipQuantity: 0 }), bcLine(20000, { ...LINE_2, shipQuantity: 2 })]
    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [bcOrder(lines)] })
    const patch = nock(API)
      .patch(`${BASE}/salesOrders(${SO_ID})/salesOrderLines(line-20000)`, { shipQuantity: 0 })
      .reply(200, {})
    const { bc } = connector()
    await expect(bc.cancelFulfillmentRequest({ id: "ful_01", order_id: ORDER_ID })).resolves.toEqual({
      status: "cancelled",
      erpId: "S-ORD101005",
    })
    patch.done()

    nock(API)
      .get(`${BASE}/salesOrders`)
      .query(FILTER)
      .reply(200, { value: [bcOrder([bcLine(20000, { ...LINE_2, shipQuantity: 0 })])] })
    await expect(bc.cancelFulfillmentRequest({ id: "ful_01", order_id: ORDER_ID })).resolves.toEqual({
      status: "already_cancelled",
      erpId: "S-ORD101005",
    })
  })

  it("reads posted sales shipments since a date, following nextLink: no tracking, and the shipment method is not a carrier", async () => {
    tokenEndpoint()
    nock(API)
      .get(`${BASE}/salesShipments`)
      .query({ $filter: "postingDate ge 2025-03-14", $expand: "salesShipmentLines" })
      .reply(200, {
        value: [
          {
            id: "shp-1",
            number: "102001",
            externalDocumentNumber: ORDER_ID,
            postingDate: "2025-03-15",
            orderNumber: "S-ORD101005",
            shipmentMethodCode: "CIF",
            salesShipmentLines: [
              { lineType: "Item", lineObjectNumber: "DR-2002", quantity: 2 },
              { lineType: " ", lineObjectNumber: "", quantity: 0 },
            ],
          },
        ],
        "@odata.nextLink": `${API}${BASE}/salesShipments?$skiptoken=abc`,
      })
    nock(API)
      .get(`${BASE}/salesShipments`)
      .query({ $skiptoken: "abc" })
      .reply(200, { value: [{ id: "shp-2", externalDocumentNumber: "", salesShipmentLines: [] }] })
    await expect(connector().bc.readShipments(new Date("2025-03-14T10:00:00Z"))).resolves.toEqual([
      {
        erp_id: "shp-1",
        order_id: ORDER_ID,
        tracking_numbers: [],
        carrier: undefined,
        shipped_at: "2025-03-15",
        lines: [{ sku: "DR-2002", quantity: 2 }],
      },
    ])
  })

  it("takes tracking from the merchant's own shipment API page when settings.shipmentTracking names it", async () => {
    tokenEndpoint()
    const shipmentTracking = {
      apiRoute: "contoso/shipping/v1.0",
      entitySet: "shipmentTrackings",
      trackingNumberField: "packageTrackingNo",
      carrierField: "shippingAgentCode",
    }
    nock(API)
      .get(`${BASE}/salesShipments`)
      .query(true)
      .reply(200, {
        value: [
          {
            id: "shp-1",
            externalDocumentNumber: ORDER_ID,
            postingDate: "2025-03-15",
            salesShipmentLines: [{ lineType: "Item", lineObjectNumber: "DR-2002", quantity: 2 }],
          },
          { id: "shp-2", externalDocumentNumber: "order_2", postingDate: "2025-03-15", salesShipmentLines: [] },
        ],
      })
    nock(API)
      .get(`/v2.0/${TENANT}/production/api/contoso/shipping/v1.0/companies(${COMPANY})/shipmentTrackings`)
      .query({ $filter: "postingDate ge 2025-03-14", $select: "id,packageTrackingNo,shippingAgentCode" })
      .reply(200, {
        value: [
          { id: "shp-1", packageTrackingNo: "1Z999AA10123456784", shippingAgentCode: "UPS" },
          { id: "shp-2", packageTrackingNo: "", shippingAgentCode: "" },
        ],
      })
    await expect(
      connector({ shipmentTracking }).bc.readShipments(new Date("2025-03-14T10:00:00Z"))
    ).resolves.toMatchObject([
      { erp_id: "shp-1", tracking_numbers: ["1Z999AA10123456784"], carrier: "UPS" },
      { erp_id: "shp-2", tracking_numbers: [], carrier: undefined },
    ])
    expect(() => connector({ shipmentTracking: { ...shipmentTracking, apiRoute: "v2.0" } })).toThrow(
      /publisher>\/<group>\/<version>/
    )
  })

  it("health check reports ok, and a failure as data rather than a throw", async () => {
    tokenEndpoint()
    nock(API).get(BASE).reply(200, { id: COMPANY, name: "CRONUS" })
    const { bc } = connector()
    await expect(bc.healthCheck()).resolves.toMatchObject({ ok: true, breaker: "closed" })
    nock(API)
      .get(BASE)
      .reply(
        403,
        bcError(
          "Authorization_InsufficientPermissions",
          "You do not have the following permissions on TableData Company: Read"
        )
      )
    await expect(bc.healthCheck()).resolves.toMatchObject({ ok: false, error: { code: "ERR_ERP_AUTH" } })
  })

  it("requires tenant, environment, company and credentials", () => {
    expect(() =>
      createConnector({
        kind: "business-central",
        settings: { tenantId: TENANT } as BusinessCentralSettings,
        credentials: { clientId: "x", clientSecret: "" },
      })
    ).toThrow(/settings.environment, settings.companyId, credentials.clientSecret/)
  })
})
