import nock from "nock"
import { inspect } from "node:util"
import { GenericRestConnector } from "../../generic/connector"
import type { GenericRestCredentials, GenericRestSettings } from "../../generic/settings"
import { createConnector } from "../../lib/create-connector"
import { ErpAuthError, ErpConfigError, ErpPermanentError } from "../../lib/errors"
import {
  captureBodies,
  COMPANY_ID,
  formOf,
  ORDER_ID,
  sampleCustomer,
  sampleOrder,
  sampleReturnedOrder,
  testDeps,
} from "../fixtures"

const ERP = "https://erp.acme-internal.example"

function connector(
  settings: Partial<GenericRestSettings> = {},
  credentials: GenericRestCredentials = { token: "static-bearer-token-xyz" }
): { erp: GenericRestConnector; deps: ReturnType<typeof testDeps> } {
  const deps = testDeps()
  const erp = createConnector(
    {
      kind: "generic",
      id: "conn_gen",
      settings: {
        baseUrl: `${ERP}/api/`,
        auth: { type: "bearer" },
        paths: {},
        retry: { maxRetries: 2, baseDelayMs: 5 },
        ...settings,
      },
      credentials,
    },
    deps
  ) as GenericRestConnector
  return { erp, deps }
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => {
  nock.enableNetConnect()
  // Un-patch node:http (shared by every test file in this worker) so later suites talk to real servers at full speed.
  nock.restore()
})

describe("generic REST connector", () => {
  it("has no return document: a received return goes as the updated order, its lines the units kept", async () => {
    const scope = nock(ERP).put(`/api/orders/${ORDER_ID}`).reply(200, { id: "SO-9" })
    const bodies = captureBodies(scope)
    const { erp } = connector()
    expect("upsertReturn" in erp).toBe(false)
    await erp.upsertSalesOrder(sampleReturnedOrder())
    const body = JSON.parse(bodies[0]!)
    expect(body.lines.map((l: { itemNo: string; quantity: number }) => [l.itemNo, l.quantity])).toEqual([
      ["WR-1001", 10],
      ["DR-2002", 3],
    ])
    // 4,300.83 as placed less the return's 41.37.
    expect(body.total).toBe(4259.46)
    scope.done()
  })

  it("PUTs the mapped order to the configured route with bearer auth and an idempotency key", async () => {
    const scope = nock(ERP)
      .put(`/api/v1/sales-orders/${ORDER_ID}`)
      .matchHeader("authorization", "Bearer static-bearer-token-xyz")
      .matchHeader("idempotency-key", `ord:${ORDER_ID}:upsert:v1`)
      .reply(201, { orderNo: "SO-000123" })
    const bodies = captureBodies(scope)
    const { erp } = connector({
      paths: { upsertOrder: "PUT /v1/sales-orders/{id}" },
      responseIdPath: "$.orderNo",
      mapping: {
        order: {
          orderNumber: "$.display_id | string",
          customerAccount: "$.customer.erp_account_number | default:NEW",
          "lines[].itemNo": "$.lines[].sku",
          "lines[].qty": "$.lines[].quantity",
          "lines[].price": "$.lines[].unit_price_minor | money",
          shipping: "$.shipping_minor | money",
          total: "$.total_minor | money",
        },
      },
    })
    await expect(erp.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: "SO-000123", created: true })
    expect(bodies[0]).toBe(
      '{"orderNumber":"1042","customerAccount":"NEW","shipping":25.00,"total":4300.83,"lines":[{"itemNo":"WR-1001","qty":12,"price":19.99},{"itemNo":"DR-2002","qty":3,"price":1234.50}]}'
    )
  })

  it("reports an update (200) as not created and takes the id from Location when the body has none", async () => {
    nock(ERP)
      .put(`/api/orders/${ORDER_ID}`)
      .reply(200, "", { Location: `${ERP}/api/orders/77` })
    await expect(connector().erp.upsertSalesOrder(sampleOrder())).resolves.toEqual({ erpId: "77", created: false })
  })

  it("uses basic auth", async () => {
    nock(ERP)
      .put(`/api/customers/${COMPANY_ID}`)
      .matchHeader("authorization", `Basic ${Buffer.from("svc-backy:pa55-w0rd!").toString("base64")}`)
      .reply(200, { id: "C-1" })
    const { erp } = connector({ auth: { type: "basic" } }, { username: "svc-backy", password: "pa55-w0rd!" })
    await expect(erp.upsertCustomer(sampleCustomer())).resolves.toEqual({
      erpId: "C-1",
      accountNumber: "C-1",
      created: false,
    })
  })

  it("uses OAuth2 client credentials with one token for concurrent calls", async () => {
    const token = nock(ERP)
      .post(
        "/oauth/token",
        (b) => formOf(b).grant_type === "client_credentials" && formOf(b).client_secret === "gen-secret-0987"
      )
      .reply(200, { access_token: "gen-token-1234", expires_in: 600 })
    nock(ERP)
      .put(/\/api\/orders\/o\d/)
      .matchHeader("authorization", "Bearer gen-token-1234")
      .times(10)
      .reply(200, {})
    const { erp } = connector(
      { auth: { type: "oauth2", tokenUrl: `${ERP}/oauth/token` } },
      { clientId: "backy", clientSecret: "gen-secret-0987" }
    )
    await Promise.all(Array.from({ length: 10 }, (_, i) => erp.upsertSalesOrder(sampleOrder({ id: `o${i}` }))))
    token.done()
  })

  it("maps cancel statuses: 404 not found, 409 already cancelled", async () => {
    nock(ERP).post("/api/orders/a/cancel").reply(200, { id: "a" })
    nock(ERP).post("/api/orders/b/cancel").reply(404, { message: "no such order" })
    nock(ERP).post("/api/orders/c/cancel").reply(409, { message: "already cancelled" })
    const { erp } = connector()
    await expect(erp.cancelSalesOrder("a")).resolves.toEqual({ status: "cancelled", erpId: "a" })
    await expect(erp.cancelSalesOrder("b")).resolves.toEqual({ status: "not_found" })
    await expect(erp.cancelSalesOrder("c")).resolves.toEqual({ status: "already_cancelled" })
  })

  it("creates fulfillment requests at a route keyed by our ids", async () => {
    nock(ERP)
      .put(`/api/orders/${ORDER_ID}/fulfillments/ful_1`, {
        externalId: "ful_1",
        orderExternalId: ORDER_ID,
        lines: [{ lineId: "ordli_02", itemNo: "DR-2002", quantity: 2 }],
      })
      .reply(201, { id: "F-9" })
    await expect(
      connector().erp.createFulfillmentRequest({
        id: "ful_1",
        order_id: ORDER_ID,
        lines: [{ line_id: "ordli_02", sku: "DR-2002", quantity: 2 }],
      })
    ).resolves.toEqual({ erpRef: "F-9", created: true })
  })

  it("withdraws a fulfillment request at its cancel route, with an idempotency key", async () => {
    nock(ERP, { reqheaders: { "idempotency-key": "ful:ful_1:cancel:v1" } })
      .post(`/api/orders/${ORDER_ID}/fulfillments/ful_1/cancel`)
      .reply(200, { id: "F-9" })
    nock(ERP).post(`/api/orders/${ORDER_ID}/fulfillments/ful_2/cancel`).reply(404, { message: "no such fulfillment" })
    nock(ERP).post(`/api/orders/${ORDER_ID}/fulfillments/ful_3/cancel`).reply(409, { message: "already cancelled" })
    const { erp } = connector()
    await expect(erp.cancelFulfillmentRequest({ id: "ful_1", order_id: ORDER_ID })).resolves.toEqual({
      status: "cancelled",
      erpId: "F-9",
    })
    await expect(erp.cancelFulfillmentRequest({ id: "ful_2", order_id: ORDER_ID })).resolves.toEqual({
      status: "not_found",
    })
    await expect(erp.cancelFulfillmentRequest({ id: "ful_3", order_id: ORDER_ID })).resolves.toEqual({
      status: "already_cancelled",
    })
  })

  it("reads shipments through the shipment mapping", async () => {
    nock(ERP)
      .get("/api/shipments")
      .query({ since: "2025-03-14T00:00:00.000Z" })
      .reply(200, {
        shipments: [
          {
            id: 5,
            orderExternalId: ORDER_ID,
            trackingNumbers: ["1Z1"],
            carrier: "UPS",
            shippedAt: "2025-03-15T10:00:00Z",
            lines: [{ itemNo: "DR-2002", quantity: "2" }],
          },
        ],
      })
    await expect(connector().erp.readShipments("2025-03-14T00:00:00Z")).resolves.toEqual([
      {
        erp_id: "5",
        order_id: ORDER_ID,
        tracking_numbers: ["1Z1"],
        carrier: "UPS",
        shipped_at: "2025-03-15T10:00:00Z",
        lines: [{ sku: "DR-2002", quantity: 2 }],
      },
    ])
  })

  it("classifies errors: 422 permanent, 401 with a static token is an auth error with the token redacted", async () => {
    nock(ERP)
      .put(`/api/orders/${ORDER_ID}`)
      .reply(422, { errors: [{ code: "UNKNOWN_ITEM", message: "Item WR-1001 not found" }] })
    const { erp, deps } = connector()
    await expect(erp.upsertSalesOrder(sampleOrder())).rejects.toMatchObject({
      code: "ERR_ERP_PERMANENT",
      status: 422,
      vendorCode: "UNKNOWN_ITEM",
    })

    nock(ERP).put(`/api/orders/${ORDER_ID}`).reply(401, { message: "bad token static-bearer-token-xyz" })
    const error = await erp.upsertSalesOrder(sampleOrder()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpAuthError)
    expect(JSON.stringify(error) + inspect(error) + deps.logs.join("")).not.toContain("static-bearer-token-xyz")
  })

  it("rejects bad settings up front", () => {
    expect(() => connector({ paths: { upsertOrder: "UPSERT orders" } })).toThrow(ErpConfigError)
    expect(() => connector({ mapping: { order: { "a[].b": "$.x | nope" } } })).toThrow(/unknown filter/)
    expect(() => connector({}, {})).toThrow(/credentials.token/)
    expect(() => createConnector({ kind: "sap" } as never)).toThrow(/Unknown connector kind "sap"/)
  })

  it("says which placeholder a route could not fill", async () => {
    const { erp } = connector({ paths: { upsertCustomer: "PUT /customers/{erp_account_number}" } })
    await expect(erp.upsertCustomer(sampleCustomer())).rejects.toBeInstanceOf(ErpPermanentError)
  })
})
