import nock from "nock"
import { inspect } from "node:util"
import { createConnector } from "../../lib/create-connector"
import { ErpAuthError, ErpConfigError, ErpPermanentError, ErpRetryableError } from "../../lib/errors"
import { loadJose } from "../../lib/esm"
import { NetSuiteConnector } from "../../netsuite/connector"
import type { NetSuiteCredentials, NetSuiteSettings } from "../../netsuite/settings"
import { captureBodies, COMPANY_ID, ecKeyPair, formOf, ORDER_ID, rsaKeyPair, sampleCustomer, sampleOrder, testDeps } from "../fixtures"

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

function connector(overrides: Partial<NetSuiteSettings> = {}, creds: Partial<NetSuiteCredentials> = {}): { ns: NetSuiteConnector; deps: ReturnType<typeof testDeps> } {
  const deps = testDeps({ now: () => NOW })
  const ns = createConnector({ kind: "netsuite", id: "conn_ns", settings: { ...settings, ...overrides }, credentials: { ...credentials, ...creds } }, deps) as NetSuiteConnector
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
    nock(HOST).get(`${RECORD}/salesOrder`).query({ limit: 1 }).matchHeader("authorization", "Bearer ns-access-token-0001").reply(200, { items: [] })
    const { ns } = connector()
    expect(await ns.healthCheck()).toMatchObject({ ok: true, breaker: "closed" })

    const { jwtVerify, decodeProtectedHeader } = await loadJose()
    const [assertion] = assertions
    expect(decodeProtectedHeader(assertion!)).toEqual({ alg: "ES256", typ: "JWT", kid: "cert-Xk2n9Qp4" })
    const { payload } = await jwtVerify(assertion!, ec.publicKey, {
      issuer: "ns-client-id-7b1c3e",
      audience: TOKEN_URL,
      currentDate: new Date(NOW),
    })
    expect(payload.scope).toEqual(["restlets", "rest_webservices"])
    expect(payload.iat).toBe(NOW / 1000)
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(3600)
  })

  it("signs PS256 with an RSA certificate key", async () => {
    const rsa = rsaKeyPair()
    const assertions: string[] = []
    tokenEndpoint(assertions)
    nock(HOST).get(`${RECORD}/salesOrder`).query(true).reply(200, {})
    const { ns } = connector({}, { privateKey: rsa.privateKeyPem })
    await ns.healthCheck()
    const { jwtVerify } = await loadJose()
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
    for (const text of [JSON.stringify(error), inspect(error), deps.logs.join("\n")]) expect(text).not.toContain(keyBody)
  })

  it("refuses a malformed key at construction with ErpConfigError that does not echo it", () => {
    expect(() => connector({}, { privateKey: "-----BEGIN PRIVATE KEY-----\nnot-a-key-at-all-secret\n-----END PRIVATE KEY-----" })).toThrow(ErpConfigError)
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
    const scope = nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query({ replace: "item" })
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const bodies = captureBodies(scope)
    const { ns } = connector({ currencyIds: { USD: "1" }, totalsFields: { tax: "custbody_backy_tax", total: "custbody_backy_total" } })
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
      { item: { externalId: "WR-1001" }, description: "Torque wrench", quantity: 12, rate: 19.99, amount: 229.88, custcol_backy_line_id: "ordli_01" },
      { item: { externalId: "DR-2002" }, description: "Drill press", quantity: 3, rate: 1234.5, amount: 3703.5, custcol_backy_line_id: "ordli_02" },
    ])
    // Decimals travel digit for digit, never through a float.
    expect(raw).toContain('"rate":19.99')
    expect(raw).toContain('"rate":1234.50')
    expect(raw).toContain('"shippingCost":25.00')
  })

  it("references a customer the ERP already knows by internal id, and items by mapped id", async () => {
    tokenEndpoint()
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`, (b) => b.entity.id === "557" && b.item.items[0].item.id === "99" && b.currency.refName === "USD")
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/1` })
    const { ns } = connector({ itemIds: { "WR-1001": "99" } })
    const order = sampleOrder()
    order.customer.erp_account_number = "557"
    await expect(ns.upsertSalesOrder(order)).resolves.toEqual({ erpId: "1", created: false })
  })

  it("classifies a NetSuite 400 error body as permanent with its error code, without retrying", async () => {
    tokenEndpoint()
    const scope = nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(400, nsError(400, "USER_ERROR", "Error while accessing a resource. You have entered an Invalid Field Value WR-1001 for the following field: item"))
    const { ns } = connector()
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
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(429, nsError(429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded. Request blocked."), { "Retry-After": "1" })
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const { ns, deps } = connector()
    await expect(ns.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: "8841", created: false })
    expect(deps.sleeps).toEqual([1000])
  })

  it("treats a RESTlet-style 400 SSS_REQUEST_LIMIT_EXCEEDED as retryable too", async () => {
    tokenEndpoint()
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(400, nsError(400, "SSS_REQUEST_LIMIT_EXCEEDED", "Request limit exceeded"))
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const { ns, deps } = connector()
    await ns.upsertSalesOrder(sampleOrder())
    expect(deps.sleeps).toHaveLength(1)
  })

  it("retries a 5xx then succeeds", async () => {
    tokenEndpoint()
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(500, nsError(500, "UNEXPECTED_ERROR", "An unexpected error occurred."))
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    await expect(connector().ns.upsertSalesOrder(sampleOrder())).resolves.toMatchObject({ erpId: "8841" })
  })

  it("refreshes the token once on 401 INVALID_LOGIN", async () => {
    tokenEndpoint([], "ns-token-stale-01")
    tokenEndpoint([], "ns-token-fresh-02")
    nock(HOST)
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .matchHeader("authorization", "Bearer ns-token-stale-01")
      .reply(401, nsError(401, "INVALID_LOGIN", "Invalid login attempt."))
      .put(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .matchHeader("authorization", "Bearer ns-token-fresh-02")
      .reply(204, "", { Location: `${HOST}${RECORD}/salesOrder/8841` })
    const { ns } = connector()
    await ns.upsertSalesOrder(sampleOrder())
    expect(ns.tokenRequestCount).toBe(2)
  })

  it("keeps at most `concurrency` requests in flight", async () => {
    tokenEndpoint()
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
    let body: Record<string, any> = {}
    nock(HOST)
      .put(`${RECORD}/customer/eid:${COMPANY_ID}`, (b) => ((body = b), true))
      .query({ replace: "addressBook" })
      .reply(204, "", { Location: `${HOST}${RECORD}/customer/557` })
    const result = await connector({ subsidiaryId: "3" }).ns.upsertCustomer(sampleCustomer())
    expect(result).toEqual({ erpId: "557", accountNumber: "557", created: false })
    expect(body).toMatchObject({ externalId: COMPANY_ID, companyName: "Acme Tools Inc.", isPerson: false, email: "ap@acme.example", subsidiary: { id: "3" }, currency: { refName: "USD" } })
    expect(body.addressBook.items).toHaveLength(2)
    expect(body.addressBook.items[0]).toMatchObject({ defaultBilling: true, addressBookAddress: { addr1: "500 Industrial Way", country: { id: "US" } } })
  })
})

describe("cancelSalesOrder", () => {
  it("closes the open lines", async () => {
    tokenEndpoint()
    nock(HOST)
      .get(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query({ expandSubResources: true })
      .reply(200, { id: "8841", status: { id: "B", refName: "Pending Fulfillment" }, item: { items: [{ line: 1, isClosed: false }, { line: 2, isClosed: true }] } })
    const patch = nock(HOST).patch(`${RECORD}/salesOrder/8841`, { item: { items: [{ line: 1, isClosed: true }] } }).reply(204)
    await expect(connector().ns.cancelSalesOrder(ORDER_ID)).resolves.toEqual({ status: "cancelled", erpId: "8841" })
    patch.done()
  })

  it("is already done when the order is closed, and not_found when NetSuite never had it", async () => {
    tokenEndpoint()
    nock(HOST).get(`${RECORD}/salesOrder/eid:${ORDER_ID}`).query(true).reply(200, { id: "8841", status: { id: "H" }, item: { items: [] } })
    nock(HOST).get(`${RECORD}/salesOrder/eid:order_gone`).query(true).reply(404, nsError(404, "NONEXISTENT_ID", "The record instance does not exist."))
    const { ns } = connector()
    await expect(ns.cancelSalesOrder(ORDER_ID)).resolves.toEqual({ status: "already_cancelled", erpId: "8841" })
    await expect(ns.cancelSalesOrder("order_gone")).resolves.toEqual({ status: "not_found" })
  })
})

describe("createFulfillmentRequest", () => {
  const request = { id: "ful_01", order_id: ORDER_ID, lines: [{ line_id: "ordli_02", sku: "DR-2002", quantity: 2 }] }

  it("transforms the order into a Picked item fulfillment for the requested lines", async () => {
    tokenEndpoint()
    nock(HOST).get(`${RECORD}/itemFulfillment/eid:ful_01`).reply(404, nsError(404, "NONEXISTENT_ID", "The record instance does not exist."))
    nock(HOST)
      .get(`${RECORD}/salesOrder/eid:${ORDER_ID}`)
      .query(true)
      .reply(200, {
        id: "8841",
        item: {
          items: [
            { line: 1, item: { id: "10", refName: "WR-1001" }, custcol_backy_line_id: "ordli_01" },
            { line: 2, item: { id: "11", refName: "DR-2002" }, custcol_backy_line_id: "ordli_02" },
          ],
        },
      })
    const post = nock(HOST)
      .post(`${RECORD}/salesOrder/8841/!transform/itemFulfillment`, {
        externalId: "ful_01",
        memo: "backy fulfillment ful_01",
        item: { items: [{ orderLine: 2, quantity: 2, itemReceive: true }] },
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
    nock(HOST).get(`${RECORD}/itemFulfillment/eid:ful_01`).reply(200, { id: "9911", externalId: "ful_01", shipStatus: { id: "A", refName: "Picked" } })
    const del = nock(HOST).delete(`${RECORD}/itemFulfillment/9911`).reply(204)
    await expect(connector().ns.cancelFulfillmentRequest(request)).resolves.toEqual({ status: "cancelled", erpId: "9911" })
    del.done()
  })

  it("is not_found when NetSuite never had it, and refuses to delete a shipped one", async () => {
    tokenEndpoint()
    nock(HOST).get(`${RECORD}/itemFulfillment/eid:ful_01`).reply(404, nsError(404, "NONEXISTENT_ID", "The record instance does not exist."))
    const { ns } = connector()
    await expect(ns.cancelFulfillmentRequest(request)).resolves.toEqual({ status: "not_found" })
    nock(HOST).get(`${RECORD}/itemFulfillment/eid:ful_01`).reply(200, { id: "9911", shipStatus: { id: "C", refName: "Shipped" } })
    await expect(ns.cancelFulfillmentRequest(request)).rejects.toBeInstanceOf(ErpPermanentError)
  })
})

describe("readShipments", () => {
  it("reads shipped item fulfillments since a date and maps them back to our order ids", async () => {
    tokenEndpoint()
    nock(HOST)
      .get(`${RECORD}/itemFulfillment`)
      .query({ q: 'lastModifiedDate ON_OR_AFTER "3/14/2025"', limit: 1000, offset: 0 })
      .reply(200, { links: [], count: 2, hasMore: false, offset: 0, totalResults: 2, items: [{ id: "9911", links: [] }, { id: "9912", links: [] }] })
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
        item: { items: [{ item: { id: "11", refName: "Tools : DR-2002" }, quantity: 2, itemReceive: true, custcol_backy_line_id: "ordli_02" }] },
      })
    nock(HOST).get(`${RECORD}/itemFulfillment/9912`).query(true).reply(200, { id: "9912", shipStatus: { id: "A" }, createdFrom: { id: "8841" } })
    nock(HOST).get(`${RECORD}/salesOrder/8841`).query({ fields: "externalId" }).reply(200, { id: "8841", externalId: ORDER_ID })
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
