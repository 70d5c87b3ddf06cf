import nock from "nock"
import { inspect } from "node:util"
import { createConnector } from "../../lib/create-connector"
import { ErpAuthError, ErpConfigError, ErpPermanentError, ErpRetryableError } from "../../lib/errors"
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose"
import { NetSuiteConnector } from "../../netsuite/connector"
import type { NetSuiteCredentials, NetSuiteSettings } from "../../netsuite/settings"
import {
  captureBodies,
  COMPANY_ID,
  ecKeyPair,
  formOf,
  ORDER_ID,
  rsaKeyPair,
  sampleCustomer,
  sampleOrder,
  testDeps,
} from "../fixtures"

const HOST = "https://1234567-sb1.suitetalk.api.netsuite.com"
const RECORD = "/services/rest/record/v1"
const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token"
const TOKEN_URL = `${HOST}${TOKEN_PATH}`
const NOW = Date.parse("2025-03-14T16:20:00.000Z")

const ec = ecKeyPair()
const credentials: NetSuiteCredentials = {
  clientId: "ns-client-id-7b1c3e",
  certificateId: "cert-Xk2n9Qp4",
  privateKey: ec.privateKeyPem,
}
const settings: NetSuiteSettings = { accountId: "1234567_SB1", retry: { maxRetries: 2, baseDelayMs: 10 } }

function connector(
  overrides: Partial<NetSuiteSettings> = {},
  creds: Partial<NetSuiteCredentials> = {}
): { ns: NetSuiteConnector; deps: ReturnType<typeof testDeps> } {
  const deps = testDeps({ now: () => NOW })
  const ns = createConnector(
    {
      kind: "netsuite",
      id: "conn_ns",
      settings: { ...settings, ...overrides },
      credentials: { ...credentials, ...creds },
    },
    deps
  ) as NetSuiteConnector
  return { ns, deps }
}

/** Token endpoint expecting a valid client-credentials form; captures the assertion. */
function tokenEndpoint(assertions: string[] = [], token = "ns-access-token-0001"): nock.Scope {
  return nock(HOST)
    .post(TOKEN_PATH, (body) => {
      const form = formOf(body)
      assertions.push(form.client_assertion!)
      return (
        form.grant_type === "client_credentials" &&
        form.client_assertion_type === "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" &&
        typeof form.client_assertion === "string"
      )
    })
    .reply(200, { access_token: token, expires_in: "3600", token_type: "bearer" })
}

const nsError = (status: number, code: string, detail: string): Record<string, unknown> => ({
  type: `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.${status === 400 ? 1 : 2}`,
  title: status === 400 ? "Bad Request" : "Too Many Requests",
  status,
  "o:errorDetails": [{ detail, "o:errorCode": code }],
})

const SUITEQL = "/services/rest/query/v1/suiteql"

/** SuiteQL answering the currency lookup: this account's USD is internal id 2. */
function currencies(
  rows = [
    { id: "2", symbol: "USD" },
    { id: "4", symbol: "EUR" },
  ]
): nock.Scope {
  return nock(HOST)
    .post(SUITEQL, { q: "SELECT id, symbol FROM currency WHERE isinactive = 'F'" })
    .query({ limit: 1000, offset: 0 })
    .matchHeader("prefer", "transient")
    .reply(200, {
      links: [],
      count: rows.length,
      hasMore: false,
      offset: 0,
      totalResults: rows.length,
      items: rows.map((r) => ({ links: [], ...r })),
    })
}

/** The order is not in NetSuite yet (the upsert reads it first). */
function absent(id: string | RegExp = ORDER_ID): nock.Scope {
  const path = typeof id === "string" ? `${RECORD}/salesOrder/eid:${id}` : id
  return nock(HOST)
    .get(path)
    .query({ expandSubResources: true })
    .reply(404, nsError(404, "NONEXISTENT_ID", "The record instance does not exist."))
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => {
  nock.enableNetConnect()
  // Un-patch node:http (shared by every test file in this worker) so later suites talk to real servers at full speed.
  nock.restore()
})

describe("NetSuite OAuth 2.0 client credentials (M2M)", () => {
  it("signs a JWT client assertion that verifies against the certificate's public key with the right claims", async () => {
    const assertions: string[] = []
    tokenEndpoint(assertions)
    nock(HOST)
      .get(`${RECORD}/salesOrder`)
      .query({ limit: 1 })
      .matchHeader("authorization", "Bearer ns-access-token-0001")
      .reply(200, { items: [] })
    const { ns } = connector()
    expect(await ns.healthCheck()).toMatchObject({ ok: true, breaker: "closed" })
    const [assertion] = assertions
    expect(decodeProtectedHeader(assertion!)).toEqual({ alg: "ES256", typ: "JWT", kid: "cert-Xk2n9Qp4" })
    const { payload } = await jwtVerify(assertion!, ec.publicKey, {
      issuer: "ns-client-id-7b1c3e",
      audience: TOKEN_URL,
      currentDate: new Date(NOW),
    })
    // REST web services only: a REST-only integration record refuses a token asking for restlets too.
    expect(payload.scope).toEqual(["rest_webservices"])
    expect(payload.iat).toBe(NOW / 1000)
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(3600)
  })

  it("asks for the scopes settings.scopes lists instead, when given", async () => {
    const assertions: string[] = []
    tokenEndpoint(assertions)
    nock(HOST).get(`${RECORD}/salesOrder`).query(true).reply(200, {})
    await connector({ scopes: ["rest_webservices", "restlets"] }).ns.healthCheck()
    expect(decodeJwt(assertions[0]!).scope).toEqual(["rest_webservices", "restlets"])
  })

  it("signs PS256 with an RSA certificate key", async () => {
    const rsa = rsaKeyPair()
    const assertions: string[] = []
    tokenEndpoint(assertions)
    nock(HOST).get(`${RECORD}/salesOrder`).query(true).reply(200, {})
    const { ns } = connector({}, { privateKey: rsa.privateKeyPem })
    await ns.healthCheck()
    const { protectedHeader } = await jwtVerify(assertions[0]!, rsa.publicKey, { currentDate: new Date(NOW) })
    expect(protectedHeader.alg).toBe("PS256")
  })

  it("derives the account's domain and lets the sandbox override base and token URLs", () => {
    expect(connector().ns.baseUrl).toBe(HOST)
    expect(connector().ns.tokenUrl).toBe(TOKEN_URL)
    const local = connector({ baseUrl: "http://127.0.0.1:4010/netsuite/", tokenUrl: "http://127.0.0.1:4010/t" }).ns
    expect(local.baseUrl).toBe("http://127.0.0.1:4010/netsuite")
    expect(local.tokenUrl).toBe("http://127.0.0.1:4010/t")
  })

  it("reports a rejected assertion as ErpAuthError without leaking the key or client id secret", async () => {
    nock(HOST).post(TOKEN_PATH).reply(400, { error: "invalid_client" })
    const { ns, deps } = connector()
    const error = await ns.upsertSalesOrder(sampleOrder()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpAuthError)
    const keyBody = ec.privateKeyPem.split("\n")[1]!
    for (const text of [JSON.stringify(error), inspect(error), deps.logs.join("\n")])
      expect(text).not.toContain(keyBody)
  })

  it("refuses a malformed key at construction with ErpConfigError that does not echo it", () => {
    expect(() =>
      connector({}, { privateKey: "-----BEGIN PRIVATE KEY-----\nnot-a-key-at-all-secret\n-----END PRIVATE KEY-----" })
    ).toThrow(ErpConfigError)
    try {
      connector({}, { privateKey: "not-a-key-at-all-secret" })
    } catch (e) {
      expect(String(e)).not.toContain("not-a-key-at-all-secret")
    }
  })
})

describe("upsertSalesOrder", () => {
  it("PUTs the order to salesOrder/eid:<order id> with exact money and every mapped field", async () => {
    tokenEndpoint()
    absent()
    const scope = nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query({ replace: "item" })
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const bodies = captureBodies(scope)
    const { ns } = connector({
      currencyIds: { USD: "1" },
      totalsFields: { tax: "custbody_backy_tax", total: "custbody_backy_total" },
    })
    const result = await ns.upsertSalesOrder(sampleOrder())
    expect(result).toEqual({ erpId: "8841", created: false })
    scope.done()

    const raw = bodies[0]!
    const body = JSON.parse(raw)
    expect(body.externalId).toBe(ORDER_ID)
    expect(body.entity).toEqual({ externalId: COMPANY_ID })
    expect(body.tranDate).toBe("2025-03-14")
    expect(body.otherRefNum).toBe("PO-77812")
    expect(body.memo).toBe("backy order 1042")
    // settings.currencyIds maps the code: no lookup.
    expect(body.currency).toEqual({ id: "1" })
    expect(body.shippingCost).toBe(25)
    expect(body.custbody_backy_tax).toBe(342.45)
    expect(body.custbody_backy_total).toBe(4300.83)
    expect(body.shippingAddress).toEqual({
      addressee: "Acme Tools Inc.",
      attention: "Dana Ruiz",
      addr1: "500 Industrial Way",
      addr2: "Dock 4",
      city: "Fresno",
      state: "CA",
      zip: "93706",
      country: { id: "US" },
      addrPhone: "+1 559 555 0100",
    })
    expect(body.billingAddress.addr2).toBeUndefined()
    expect(body.item.items).toEqual([
      // 229.88 net after the discount is not 12 × any price in cents: the amount goes alone, NetSuite derives the rate.
      {
        item: { externalId: "WR-1001" },
        description: "Torque wrench",
        quantity: 12,
        amount: 229.88,
        custcol_backy_line_id: "ordli_01",
      },
      {
        item: { externalId: "DR-2002" },
        description: "Drill press",
        quantity: 3,
        rate: 1234.5,
        amount: 3703.5,
        custcol_backy_line_id: "ordli_02",
      },
    ])
    expect(body.taxDetailsOverride).toBeUndefined()
    // Decimals travel digit for digit, never through a float.
    expect(raw).toContain('"amount":229.88')
    expect(raw).toContain('"rate":1234.50')
    expect(raw).toContain('"shippingCost":25.00')
  })

  it("states the hub's tax with SuiteTax's tax details override, shipping as an item line, and replaces both sublists", async () => {
    tokenEndpoint()
    currencies()
    absent()
    const scope = nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query({ replace: "item,taxDetails" })
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const bodies = captureBodies(scope)
    const order = sampleOrder()
    // Shipping taxed at 8 %: 25.00 + 2.00.
    order.shipping_lines = [{ ...order.shipping_lines[0]!, tax_rate: "8", tax_minor: "200", total_minor: "2700" }]
    Object.assign(order, { shipping_tax_minor: "200", tax_minor: "34445", total_minor: "430283" })
    const { ns } = connector({ taxDetails: { taxTypeId: "5", taxCodeId: "-8" }, shippingItemId: "77" })
    await ns.upsertSalesOrder(order)
    scope.done()

    const body = JSON.parse(bodies[0]!)
    expect(body.shippingCost).toBeUndefined()
    expect(body.taxDetailsOverride).toBe(true)
    expect(body.item.items.map((i: any) => [i.item, i.amount, i.taxDetailsReference, i.custcol_backy_line_id])).toEqual(
      [
        [{ externalId: "WR-1001" }, 229.88, "ordli_01", "ordli_01"],
        [{ externalId: "DR-2002" }, 3703.5, "ordli_02", "ordli_02"],
        [{ id: "77" }, 25, "ordsm_01", "ordsm_01"],
      ]
    )
    expect(body.taxDetails.items).toEqual([
      {
        taxDetailsReference: "ordli_01",
        taxType: { id: "5" },
        taxCode: { id: "-8" },
        taxBasis: 229.88,
        taxRate: 8,
        taxAmount: 18.39,
      },
      {
        taxDetailsReference: "ordli_02",
        taxType: { id: "5" },
        taxCode: { id: "-8" },
        taxBasis: 3703.5,
        taxRate: 8.75,
        taxAmount: 324.06,
      },
      {
        taxDetailsReference: "ordsm_01",
        taxType: { id: "5" },
        taxCode: { id: "-8" },
        taxBasis: 25,
        taxRate: 8,
        taxAmount: 2,
      },
    ])
    expect(bodies[0]).toContain('"taxRate":8.75,"taxAmount":324.06')
  })

  it("books a tax-inclusive line at its net amount (NetSuite adds tax on top) and a sub-minor price only when it multiplies out", async () => {
    tokenEndpoint()
    currencies()
    absent()
    const scope = nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/1` })
    const bodies = captureBodies(scope)
    const order = sampleOrder({
      shipping_lines: [],
      shipping_minor: "0",
      subtotal_minor: "374350",
      discount_minor: "0",
      discount_tax_minor: "0",
      tax_minor: "1000",
      total_minor: "375350",
    })
    order.lines = [
      // EUR-style gross 11.00 at 10 %: net 10.00, tax 1.00.
      {
        ...order.lines[0]!,
        quantity: 1,
        unit_price: "11",
        unit_price_minor: "1100",
        tax_inclusive: true,
        tax_rate: "10",
        subtotal_minor: "1000",
        discount_minor: "0",
        discount_tax_minor: "0",
        net_minor: "1000",
        tax_minor: "100",
        total_minor: "1100",
      },
      // USD 10.125 × 4 = 40.50, untaxed, and 1,234.5 × 3.
      {
        ...order.lines[1]!,
        quantity: 4,
        unit_price: "10.125",
        unit_price_minor: "1013",
        tax_rate: "0",
        subtotal_minor: "4050",
        net_minor: "4050",
        tax_minor: "0",
        total_minor: "4050",
      },
    ]
    Object.assign(order, { subtotal_minor: "5050", tax_minor: "100", total_minor: "5150" })
    await connector().ns.upsertSalesOrder(order)
    const items = JSON.parse(bodies[0]!).item.items
    expect(items.map((i: any) => [i.quantity, i.rate, i.amount])).toEqual([
      [1, 10, 10],
      [4, 10.125, 40.5],
    ])
    expect(bodies[0]).toContain('"rate":10.125,"amount":40.50')
  })

  it("refuses, before any request, an order whose parts do not add up, taxed shipping it cannot reference, or a credit with no credit item", async () => {
    const { ns } = connector({ taxDetails: { taxTypeId: "5", taxCodeId: "-8" } })
    await expect(ns.upsertSalesOrder(sampleOrder({ total_minor: "430084" }))).rejects.toThrow(
      /total_minor 430084 is not the sum of its parts \(430083\)/
    )
    const taxedShipping = sampleOrder()
    taxedShipping.shipping_lines = [{ ...taxedShipping.shipping_lines[0]!, tax_minor: "200", total_minor: "2700" }]
    Object.assign(taxedShipping, { shipping_tax_minor: "200", tax_minor: "34445", total_minor: "430283" })
    await expect(ns.upsertSalesOrder(taxedShipping)).rejects.toThrow(/shippingItemId/)
    await expect(
      connector().ns.upsertSalesOrder(sampleOrder({ credit_minor: "500", total_minor: "429583" }))
    ).rejects.toThrow(/creditItemId/)
    expect(nock.pendingMocks()).toEqual([])
  })

  it("books a credit as a negative line of the credit item", async () => {
    tokenEndpoint()
    currencies()
    absent()
    const scope = nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/1` })
    const bodies = captureBodies(scope)
    await connector({ creditItemId: "901" }).ns.upsertSalesOrder(
      sampleOrder({ credit_minor: "500", total_minor: "429583" })
    )
    expect(JSON.parse(bodies[0]!).item.items[2]).toEqual({
      item: { id: "901" },
      quantity: 1,
      rate: -5,
      amount: -5,
      description: "Credit",
      custcol_backy_line_id: "backy_credit",
    })
  })

  it("references a customer the ERP already knows by internal id, items by mapped id, and the currency by the id its ISO code resolves to", async () => {
    tokenEndpoint()
    currencies()
    absent()
    nock(HOST)
      .put(
        `${RECORD}/salesOrder/eid:${ORDER_ID}`,
        (b) =>
          b.entity.id === "557" &&
          b.item.items[0].item.id === "99" &&
          b.currency.id === "2" &&
          b.currency.refName === undefined
      )
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/1` })
    const { ns } = connector({ itemIds: { "WR-1001": "99" } })
    const order = sampleOrder()
    order.customer.erp_account_number = "557"
    await expect(ns.upsertSalesOrder(order)).resolves.toEqual({ erpId: "1", created: false })
  })

  it("classifies a NetSuite 400 error body as permanent with its error code, without retrying", async () => {
    tokenEndpoint()
    absent()
    const scope = nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(
        400,
        nsError(
          400,
          "USER_ERROR",
          "Error while accessing a resource. You have entered an Invalid Field Value WR-1001 for the following field: item"
        )
      )
    const { ns } = connector({ currencyIds: { USD: "1" } })
    const error = await ns.upsertSalesOrder(sampleOrder()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpPermanentError)
    expect(error).toMatchObject({
      code: "ERR_ERP_PERMANENT",
      retryable: false,
      status: 400,
      vendorCode: "USER_ERROR",
      connector: "netsuite:conn_ns",
      operation: "upsertSalesOrder",
    })
    expect((error as Error).message).toContain("Invalid Field Value WR-1001")
    scope.done()
  })

  it("treats 429 CONCURRENCY_LIMIT_EXCEEDED as rate limiting: waits Retry-After and succeeds", async () => {
    tokenEndpoint()
    absent()
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(429, nsError(429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded. Request blocked."), {
        "Retry-After": "1",
      })
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const { ns, deps } = connector({ currencyIds: { USD: "1" } })
    await expect(ns.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: "8841", created: false })
    expect(deps.sleeps).toEqual([1000])
  })

  it("treats a RESTlet-style 400 SSS_REQUEST_LIMIT_EXCEEDED as retryable too", async () => {
    tokenEndpoint()
    absent()
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(400, nsError(400, "SSS_REQUEST_LIMIT_EXCEEDED", "Request limit exceeded"))
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const { ns, deps } = connector({ currencyIds: { USD: "1" } })
    await ns.upsertSalesOrder(sampleOrder())
    expect(deps.sleeps).toHaveLength(1)
  })

  it("retries a 5xx then succeeds", async () => {
    tokenEndpoint()
    absent()
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(500, nsError(500, "UNEXPECTED_ERROR", "An unexpected error occurred."))
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    await expect(connector({ currencyIds: { USD: "1" } }).ns.upsertSalesOrder(sampleOrder())).resolves.toMatchObject({
      erpId: "8841",
    })
  })

  it("refreshes the token once on 401 INVALID_LOGIN", async () => {
    tokenEndpoint([], "ns-token-stale-01")
    tokenEndpoint([], "ns-token-fresh-02")
    absent()
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .matchHeader("authorization", "Bearer ns-token-stale-01")
      .reply(401, nsError(401, "INVALID_LOGIN", "Invalid login attempt."))
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .matchHeader("authorization", "Bearer ns-token-fresh-02")
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const { ns } = connector({ currencyIds: { USD: "1" } })
    await ns.upsertSalesOrder(sampleOrder())
    expect(ns.tokenRequestCount).toBe(2)
  })

  it("keeps at most `concurrency` requests in flight", async () => {
    tokenEndpoint()
    currencies()
    nock(HOST)
      .get(new RegExp(`${RECORD}/salesOrder/eid:order_\\d+`))
      .query(true)
      .times(6)
      .reply(404, nsError(404, "NONEXISTENT_ID", "The record instance does not exist."))
    let inFlight = 0
    let peak = 0
    nock(HOST)
      .put(new RegExp(`${RECORD}/salesOrder/eid:order_\\d+`))
      .query(true)
      .times(6)
      .reply(async () => {
        inFlight += 1
        peak = Math.max(peak, inFlight)
        await new Promise((r) => setTimeout(r, 10))
        inFlight -= 1
        return [204, "", { Location: `${HOST}${RECORD}/salesOrder/1` }]
      })
    const { ns } = connector({ concurrency: 2 })
    await Promise.all(Array.from({ length: 6 }, (_, i) => ns.upsertSalesOrder(sampleOrder({ id: `order_${i}` }))))
    expect(peak).toBe(2)
  })

  it("refuses an order id NetSuite cannot take as an external id", async () => {
    await expect(connector().ns.upsertSalesOrder(sampleOrder({ id: "order/1" }))).rejects.toBeInstanceOf(ErpConfigError)
  })
})

describe("upsertCustomer", () => {
  it("PUTs customer/eid:<company id>, replacing the address book", async () => {
    tokenEndpoint()
    currencies()
    let body: Record<string, any> = {}
    nock(HOST)
      .put(`${RECORD}/customer/eid:${COMPANY_ID}`, (b) => ((body = b), true))
      .query({ replace: "addressBook" })
      .reply(204, "", { Location: `${HOST}${RECORD}/customer/557` })
    const result = await connector({ subsidiaryId: "3" }).ns.upsertCustomer(sampleCustomer())
    expect(result).toEqual({ erpId: "557", accountNumber: "557", created: false })
    expect(body).toMatchObject({
      externalId: COMPANY_ID,
      companyName: "Acme Tools Inc.",
      isPerson: false,
      email: "ap@acme.example",
      subsidiary: { id: "3" },
      currency: { id: "2" },
    })
    expect(body.addressBook.items).toHaveLength(2)
    expect(body.addressBook.items[0]).toMatchObject({
      defaultBilling: true,
      addressBookAddress: { addr1: "500 Industrial Way", country: { id: "US" } },
    })
  })
})

describe("cancelSalesOrder", () => {
  it("closes the open lines", async () => {
    tokenEndpoint()
    nock(HOST)
      .get(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query({ expandSubResources: true })
      .reply(200, {
        id: "8841",
        orderStatus: { id: "B", refName: "Pending Fulfillment" },
        status: { id: "Pending Fulfillment", refName: "Pending Fulfillment" },
        item: {
          items: [
            { line: 1, isClosed: false },
            { line: 2, isClosed: true },
          ],
        },
      })
    const patch = nock(HOST)
      .patch(`${RECORD}/salesOrder/8841`, { item: { items: [{ line: 1, isClosed: true }] } })
      .reply(204)
    await expect(connector().ns.cancelSalesOrder(ORDER_ID)).resolves.toEqual({ status: "cancelled", erpId: "8841" })
    patch.done()
  })

  it("is already done when orderStatus is Closed (the letter; status is text), and not_found when NetSuite never had it", async () => {
    tokenEndpoint()
    nock(HOST)
      .get(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(200, {
        id: "8841",
        orderStatus: { id: "H", refName: "Closed" },
        status: { id: "Closed", refName: "Closed" },
        item: { items: [{ line: 1, isClosed: false }] },
      })
    nock(HOST)
      .get(`${RECORD}/salesOrder/eid:order_gone`)
      .query(true)
      .reply(404, nsError(404, "NONEXISTENT_ID", "The record instance does not exist."))
    const { ns } = connector()
    await expect(ns.cancelSalesOrder(ORDER_ID)).resolves.toEqual({ status: "already_cancelled", erpId: "8841" })
    await expect(ns.cancelSalesOrder("order_gone")).resolves.toEqual({ status: "not_found" })
  })
})

describe("createFulfillmentRequest", () => {
  const request = { id: "ful_01", order_id: ORDER_ID, lines: [{ line_id: "ordli_02", sku: "DR-2002", quantity: 2 }] }

  it("transforms the order into a Picked item fulfillment for the requested lines", async () => {
    tokenEndpoint()
    nock(HOST)
      .get(`${RECORD}/itemFulfillment/eid:ful_01`)
      .reply(404, nsError(404, "NONEXISTENT_ID", "The record instance does not exist."))
    nock(HOST)
      .get(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(200, {
        id: "8841",
        item: {
          items: [
            {
              line: 1,
              item: { id: "10", refName: "Tools : WR-1001 Torque wrench" },
              quantity: 12,
              quantityFulfilled: 0,
              custcol_backy_line_id: "ordli_01",
            },
            {
              line: 2,
              item: { id: "11", refName: "Tools : DR-2002 Drill press" },
              quantity: 3,
              quantityFulfilled: 0,
              custcol_backy_line_id: "ordli_02",
            },
          ],
        },
      })
    const post = nock(HOST)
      .post(`${RECORD}/salesOrder/8841/!transform/itemFulfillment`, {
        externalId: "ful_01",
        memo: "backy fulfillment ful_01",
        // Line 1 is pre-filled by the transform too: it is named and left out.
        item: {
          items: [
            { orderLine: 1, itemReceive: false },
            { orderLine: 2, quantity: 2, itemReceive: true },
          ],
        },
        shipStatus: { id: "A" },
      })
      .reply(204, "", { Location: `${HOST}${RECORD}/itemFulfillment/9911` })
    await expect(connector().ns.createFulfillmentRequest(request)).resolves.toEqual({ erpRef: "9911", created: true })
    post.done()
  })

  it("returns the existing fulfillment instead of creating a second one", async () => {
    tokenEndpoint()
    nock(HOST).get(`${RECORD}/itemFulfillment/eid:ful_01`).reply(200, { id: "9911", externalId: "ful_01" })
    await expect(connector().ns.createFulfillmentRequest(request)).resolves.toEqual({ erpRef: "9911", created: false })
  })

  it("says retry later when the order has not reached NetSuite yet", async () => {
    tokenEndpoint()
    nock(HOST).get(`${RECORD}/itemFulfillment/eid:ful_01`).reply(404, {})
    nock(HOST).get(`${RECORD}/salesOrder/eid:${ORDER_ID}`).query(true).reply(404, {})
    await expect(connector().ns.createFulfillmentRequest(request)).rejects.toBeInstanceOf(ErpRetryableError)
  })
})

describe("cancelFulfillmentRequest", () => {
  const request = { id: "ful_01", order_id: ORDER_ID }

  it("deletes the item fulfillment our fulfillment became", async () => {
    tokenEndpoint()
    nock(HOST)
      .get(`${RECORD}/itemFulfillment/eid:ful_01`)
      .reply(200, { id: "9911", externalId: "ful_01", shipStatus: { id: "A", refName: "Picked" } })
    const del = nock(HOST).delete(`${RECORD}/itemFulfillment/9911`).reply(204)
    await expect(connector().ns.cancelFulfillmentRequest(request)).resolves.toEqual({
      status: "cancelled",
      erpId: "9911",
    })
    del.done()
  })

  it("is not_found when NetSuite never had it, and refuses to delete a shipped one", async () => {
    tokenEndpoint()
    nock(HOST)
      .get(`${RECORD}/itemFulfillment/eid:ful_01`)
      .reply(404, nsError(404, "NONEXISTENT_ID", "The record instance does not exist."))
    const { ns } = connector()
    await expect(ns.cancelFulfillmentRequest(request)).resolves.toEqual({ status: "not_found" })
    nock(HOST)
      .get(`${RECORD}/itemFulfillment/eid:ful_01`)
      .reply(200, { id: "9911", shipStatus: { id: "C", refName: "Shipped" } })
    await expect(ns.cancelFulfillmentRequest(request)).rejects.toBeInstanceOf(ErpPermanentError)
  })
})

describe("readShipments", () => {
  it("reads shipped item fulfillments since a date and maps them back to our order ids", async () => {
    tokenEndpoint()
    nock(HOST)
      .get(`${RECORD}/itemFulfillment`)
      .query({ q: 'lastModifiedDate ON_OR_AFTER "3/14/2025"', limit: 1000, offset: 0 })
      .reply(200, {
        links: [],
        count: 2,
        hasMore: false,
        offset: 0,
        totalResults: 2,
        items: [
          { id: "9911", links: [] },
          { id: "9912", links: [] },
        ],
      })
    nock(HOST)
      .get(`${RECORD}/itemFulfillment/9911`)
      .query({ expandSubResources: true })
      .reply(200, {
        id: "9911",
        tranDate: "2025-03-15",
        shipStatus: { id: "C", refName: "Shipped" },
        createdFrom: { id: "8841", refName: "Sales Order #SO1042" },
        shipMethod: { id: "4", refName: "UPS Ground" },
        package: { items: [{ packageTrackingNumber: "1Z999AA10123456784", packageWeight: 4.2 }] },
        item: {
          items: [
            {
              item: { id: "11", refName: "Tools : Presses : DR-2002 Drill press" },
              quantity: 2,
              itemReceive: true,
              custcol_backy_line_id: "ordli_02",
            },
          ],
        },
      })
    nock(HOST)
      .get(`${RECORD}/itemFulfillment/9912`)
      .query(true)
      .reply(200, { id: "9912", shipStatus: { id: "A" }, createdFrom: { id: "8841" } })
    nock(HOST)
      .get(`${RECORD}/salesOrder/8841`)
      .query({ fields: "externalId" })
      .reply(200, { id: "8841", externalId: ORDER_ID })
    // The SKU is the item's own number, not a piece of refName.
    nock(HOST)
      .post(SUITEQL, { q: "SELECT id, itemid FROM item WHERE id IN (11)" })
      .query(true)
      .reply(200, {
        links: [],
        count: 1,
        hasMore: false,
        offset: 0,
        totalResults: 1,
        items: [{ links: [], id: "11", itemid: "DR-2002" }],
      })
    await expect(connector().ns.readShipments("2025-03-14T00:00:00Z")).resolves.toEqual([
      {
        erp_id: "9911",
        order_id: ORDER_ID,
        tracking_numbers: ["1Z999AA10123456784"],
        carrier: "UPS Ground",
        shipped_at: "2025-03-15",
        lines: [{ sku: "DR-2002", quantity: 2, line_id: "ordli_02" }],
      },
    ])
  })
})
