/**
 * The NetSuite adapter against the ERP sandbox's NetSuite (integration-tests/sandboxes/erp/netsuite.ts),
 * over real HTTP: what NetSuite's REST API does with what the adapter sends, for the points where
 * our idea of the API and Oracle's documentation used to differ.
 */
import { BreakerRegistry } from "../../lib/http/breakers"
import { createConnector } from "../../lib/create-connector"
import { ErpAuthError, ErpConfigError } from "../../lib/errors"
import type { HubOrder, HubOrderLine } from "../../lib/types"
import { createClientAssertion, importPrivateKey } from "../../netsuite/client-assertion"
import type { NetSuiteConnector } from "../../netsuite/connector"
import type { NetSuiteSettings } from "../../netsuite/settings"
import { startErpSandbox, type ErpSandbox } from "../../../integration-tests/sandboxes/erp"
import { ecKeyPair, sampleCustomer, sampleOrder } from "../fixtures"

const cert = ecKeyPair()
const CLIENT_ID = "backy-ns-integration"
const registries: BreakerRegistry[] = []
let sandbox: ErpSandbox

function netsuite(settings: Partial<NetSuiteSettings> = {}, erp: ErpSandbox = sandbox): NetSuiteConnector {
  const breakers = new BreakerRegistry()
  registries.push(breakers)
  return createConnector(
    {
      kind: "netsuite",
      id: "ns-sbx",
      settings: {
        accountId: "1234567_SB1",
        baseUrl: erp.netsuiteBaseUrl,
        tokenUrl: erp.netsuiteTokenUrl,
        retry: { maxRetries: 1, baseDelayMs: 10 },
        ...settings,
      },
      credentials: { clientId: CLIENT_ID, certificateId: "cert-1", privateKey: cert.privateKeyPem },
    },
    { breakers }
  ) as NetSuiteConnector
}

/** A bearer token for raw calls, fetched the way the adapter does (client credentials + assertion). */
async function rawToken(): Promise<string> {
  const assertion = await createClientAssertion({
    clientId: CLIENT_ID,
    certificateId: "cert-1",
    privateKey: importPrivateKey(cert.privateKeyPem),
    algorithm: "ES256",
    tokenUrl: sandbox.netsuiteTokenUrl,
    scopes: ["rest_webservices"],
    nowMs: Date.now(),
  })
  const res = await fetch(sandbox.netsuiteTokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    }),
  })
  return ((await res.json()) as { access_token: string }).access_token
}

async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sandbox.netsuiteBaseUrl}/services/rest/record/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${await rawToken()}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

/** An untaxed, undiscounted order without shipping whose lines are `quantity × unit` (decimal text). */
function plainOrder(id: string, lines: Array<[lineId: string, sku: string, quantity: number, unit: string]>): HubOrder {
  const hubLines: HubOrderLine[] = lines.map(([line_id, sku, quantity, unit]) => {
    const unitMinor = Math.round(Number(unit) * 100)
    const subtotal = String(unitMinor * quantity)
    return {
      line_id,
      sku,
      title: `Item ${sku}`,
      quantity,
      unit_price: unit,
      unit_price_minor: String(unitMinor),
      tax_inclusive: false,
      tax_rate: "0",
      subtotal_minor: subtotal,
      discount_minor: "0",
      discount_tax_minor: "0",
      net_minor: subtotal,
      tax_minor: "0",
      total_minor: subtotal,
    }
  })
  const total = String(hubLines.reduce((s, l) => s + Number(l.total_minor), 0))
  return sampleOrder({
    id,
    lines: hubLines,
    shipping_lines: [],
    shipping_minor: "0",
    shipping_tax_minor: "0",
    subtotal_minor: total,
    discount_minor: "0",
    discount_tax_minor: "0",
    tax_minor: "0",
    credit_minor: "0",
    total_minor: total,
  })
}

beforeAll(async () => {
  sandbox = await startErpSandbox({ netsuitePublicKey: cert.publicKey })
})
afterEach(() => sandbox.reset())
afterAll(async () => {
  for (const r of registries) r.shutdown()
  await sandbox.close()
})

describe("currency", () => {
  it("is referenced by the internal id its ISO code resolves to, looked up once per connection", async () => {
    const ns = netsuite()
    await ns.upsertSalesOrder(sampleOrder({ id: "order_cur_1", currency_code: "eur" }))
    expect(sandbox.salesOrder("order_cur_1", "netsuite")!.fields.currency).toEqual({ id: "4" })
    const got = await raw("GET", "/salesOrder/eid:order_cur_1")
    // What NetSuite shows as the reference's refName is the currency's name, not its code.
    expect(got.body.currency).toMatchObject({ id: "4", refName: "Euro" })

    // The lookup is cached: another order costs the read and the write only.
    const before = sandbox.stats().requests.netsuite
    await ns.upsertSalesOrder(sampleOrder({ id: "order_cur_2", currency_code: "USD" }))
    expect(sandbox.stats().requests.netsuite - before).toBe(2)
    expect(sandbox.salesOrder("order_cur_2", "netsuite")!.fields.currency).toEqual({ id: "1" })
  })

  it("sets the customer's currency by id too", async () => {
    await netsuite().upsertCustomer(sampleCustomer({ currency_code: "GBP" }))
    expect(sandbox.customers("netsuite")[0]!.fields.currency).toEqual({ id: "2" })
  })

  it('is refused by NetSuite as { refName: "USD" }, the way Oracle documents an invalid reference', async () => {
    const body = {
      entity: { externalId: "comp_1" },
      currency: { refName: "USD" },
      item: { items: [{ item: { externalId: "WR-1001" }, quantity: 1, amount: 10 }] },
    }
    const refused = await raw("PUT", "/salesOrder/eid:order_cur_ref?replace=item", body)
    expect(refused.status).toBe(400)
    expect(refused.body["o:errorDetails"]).toEqual([
      {
        detail:
          "Error while accessing resource: You have entered an Invalid Field Value USD for the following field: currency",
        "o:errorCode": "INVALID_CONTENT",
        "o:errorPath": "currency",
      },
    ])
    expect(sandbox.salesOrder("order_cur_ref", "netsuite")).toBeUndefined()
  })

  it("the account does not have is a configuration error, raised before the order is written", async () => {
    await expect(
      netsuite().upsertSalesOrder(sampleOrder({ id: "order_cur_x", currency_code: "XAU" }))
    ).rejects.toBeInstanceOf(ErpConfigError)
    expect(sandbox.salesOrder("order_cur_x", "netsuite")).toBeUndefined()
    // settings.currencyIds still decides for the codes it lists.
    await netsuite({ currencyIds: { XAU: "3" } }).upsertSalesOrder(
      sampleOrder({ id: "order_cur_x", currency_code: "XAU" })
    )
    expect(sandbox.salesOrder("order_cur_x", "netsuite")!.fields.currency).toEqual({ id: "3" })
  })
})

describe("fulfilment", () => {
  it("ships only the requested lines and quantities, although the transform pre-fills every line", async () => {
    const ns = netsuite()
    await ns.upsertSalesOrder(sampleOrder({ id: "order_ful_1" }))
    await ns.createFulfillmentRequest({
      id: "ful_1",
      order_id: "order_ful_1",
      lines: [{ line_id: "ordli_02", sku: "DR-2002", quantity: 2 }],
    })
    expect(sandbox.fulfillmentRequests("netsuite")).toMatchObject([
      { externalId: "ful_1", lines: [{ sku: "DR-2002", quantity: 2, orderLine: 2 }] },
    ])

    // The rest of the order is still open in NetSuite: line 1 in full, one unit of line 2.
    const so = (await raw("GET", "/salesOrder/eid:order_ful_1")).body
    expect(so.item.items.map((l: any) => [l.line, l.quantity, l.quantityFulfilled])).toEqual([
      [1, 12, 0],
      [2, 3, 2],
    ])
    expect(so.orderStatus).toEqual({ id: "E", refName: "Pending Billing/Partially Fulfilled" })

    // The next request ships what was left of line 2, nothing of line 1.
    await ns.createFulfillmentRequest({
      id: "ful_2",
      order_id: "order_ful_1",
      lines: [{ line_id: "ordli_02", sku: "DR-2002", quantity: 1 }],
    })
    expect(sandbox.fulfillmentRequests("netsuite").find((f) => f.externalId === "ful_2")!.lines).toEqual([
      { sku: "DR-2002", quantity: 1, orderLine: 2 },
    ])
  })

  it("(the sandbox's pre-fill) ships everything when a transform names no line", async () => {
    await netsuite().upsertSalesOrder(sampleOrder({ id: "order_ful_2" }))
    const so = (await raw("GET", "/salesOrder/eid:order_ful_2")).body
    expect(
      (await raw("POST", `/salesOrder/${so.id}/!transform/itemFulfillment`, { externalId: "ful_all" })).status
    ).toBe(204)
    expect(sandbox.fulfillmentRequests("netsuite")[0]!.lines).toEqual([
      { sku: "WR-1001", quantity: 12, orderLine: 1 },
      { sku: "DR-2002", quantity: 3, orderLine: 2 },
    ])
  })
})

describe("cancel", () => {
  it("reads the order's state from orderStatus (the letter); status is only its text", async () => {
    const ns = netsuite()
    await ns.upsertSalesOrder(sampleOrder({ id: "order_can_1" }))
    const open = (await raw("GET", "/salesOrder/eid:order_can_1")).body
    expect(open.orderStatus).toEqual({ id: "B", refName: "Pending Fulfillment" })
    expect(open.status).toEqual({ id: "Pending Fulfillment", refName: "Pending Fulfillment" })

    await expect(ns.cancelSalesOrder("order_can_1")).resolves.toMatchObject({ status: "cancelled" })
    const closed = (await raw("GET", "/salesOrder/eid:order_can_1")).body
    expect(closed.orderStatus).toEqual({ id: "H", refName: "Closed" })
    expect(closed.item.items.every((l: any) => l.isClosed)).toBe(true)
    await expect(ns.cancelSalesOrder("order_can_1")).resolves.toMatchObject({ status: "already_cancelled" })
    await expect(ns.cancelSalesOrder("order_never_synced")).resolves.toEqual({ status: "not_found" })
  })
})

describe("order edits", () => {
  it("update a fulfilled order by line key: the fulfilled line stays, open lines change, new ones are added", async () => {
    const ns = netsuite()
    await ns.upsertSalesOrder(
      plainOrder("order_edit_1", [
        ["li_a", "WR-1001", 4, "10"],
        ["li_b", "DR-2002", 3, "100"],
        ["li_c", "GL-3003", 5, "2"],
      ])
    )
    await ns.createFulfillmentRequest({
      id: "ful_edit_1",
      order_id: "order_edit_1",
      lines: [{ line_id: "li_b", sku: "DR-2002", quantity: 2 }],
    })

    // The buyer's edit: 4 → 6 wrenches, the gloves dropped, a pallet wrap added; the press untouched.
    await ns.upsertSalesOrder(
      plainOrder("order_edit_1", [
        ["li_a", "WR-1001", 6, "10"],
        ["li_b", "DR-2002", 3, "100"],
        ["li_d", "WR-5000", 1, "25"],
      ])
    )
    const stored = sandbox.salesOrder("order_edit_1", "netsuite")!
    expect(stored.lines.map((l) => [l.key, l.lineId, l.sku, l.quantity, l.amount])).toEqual([
      [1, "li_a", "WR-1001", 6, "60"],
      [2, "li_b", "DR-2002", 3, "300"],
      [4, "li_d", "WR-5000", 1, "25"],
    ])
    expect(sandbox.createCount("order_edit_1", "netsuite")).toBe(1)

    // Dropping the fulfilled line as well: NetSuite cannot remove it, so it is kept and closed.
    await ns.upsertSalesOrder(
      plainOrder("order_edit_1", [
        ["li_a", "WR-1001", 6, "10"],
        ["li_d", "WR-5000", 1, "25"],
      ])
    )
    const after = (await raw("GET", "/salesOrder/eid:order_edit_1")).body
    expect(
      after.item.items.map((l: any) => [l.line, l.custcol_backy_line_id, l.quantityFulfilled, l.isClosed])
    ).toEqual([
      [1, "li_a", 0, false],
      [2, "li_b", 2, true],
      [4, "li_d", 0, false],
    ])
  })

  it("write a first revision in one request, and fall back to the keyed update when NetSuite already fulfilled a line", async () => {
    const ns = netsuite()
    const placed = {
      ...plainOrder("order_rev_1", [
        ["li_a", "WR-1001", 4, "10"],
        ["li_b", "DR-2002", 3, "100"],
      ]),
      revision: 1,
    }
    await ns.upsertSalesOrder(placed) // warms the currency and item lookups
    const before = sandbox.stats().requests.netsuite
    await ns.upsertSalesOrder(placed)
    expect(sandbox.stats().requests.netsuite - before).toBe(1)

    // Someone fulfilled a line in NetSuite; a replayed first revision must not fail on it.
    await ns.createFulfillmentRequest({
      id: "ful_rev_1",
      order_id: "order_rev_1",
      lines: [{ line_id: "li_b", sku: "DR-2002", quantity: 1 }],
    })
    await ns.upsertSalesOrder(placed)
    const after = (await raw("GET", "/salesOrder/eid:order_rev_1")).body
    expect(after.item.items.map((l: any) => [l.custcol_backy_line_id, l.quantity, l.quantityFulfilled])).toEqual([
      ["li_a", 4, 0],
      ["li_b", 3, 1],
    ])
    expect(sandbox.createCount("order_rev_1", "netsuite")).toBe(1)
  })

  it("let a refused first revision of an order NetSuite does not have stand, without sending it again", async () => {
    const ns = netsuite()
    const placed = { ...plainOrder("order_rev_bad", [["li_a", "WR-1001", 4, "10"]]), revision: 1 }
    await ns.upsertSalesOrder({ ...placed, id: "order_rev_warm" }) // warms the currency and item lookups
    sandbox.failNext(
      1,
      400,
      { "o:errorDetails": [{ detail: "Invalid item reference", "o:errorCode": "USER_ERROR" }] },
      { pathIncludes: "/salesOrder/" }
    )
    const before = sandbox.stats().requests.netsuite
    await expect(ns.upsertSalesOrder(placed)).rejects.toMatchObject({ status: 400 })
    // The PUT, then the look-up that finds nothing to key against: no second PUT.
    expect(sandbox.stats().requests.netsuite - before).toBe(2)
    expect(sandbox.salesOrder("order_rev_bad", "netsuite")).toBeUndefined()
  })

  it("(the sandbox) refuses an update that replaces every line once one has been fulfilled", async () => {
    const ns = netsuite()
    await ns.upsertSalesOrder(sampleOrder({ id: "order_edit_2" }))
    await ns.createFulfillmentRequest({
      id: "ful_edit_2",
      order_id: "order_edit_2",
      lines: [{ line_id: "ordli_01", sku: "WR-1001", quantity: 1 }],
    })
    const unkeyed = {
      entity: { externalId: "comp_1" },
      item: {
        items: [{ item: { externalId: "WR-1001" }, quantity: 12, amount: 229.88, custcol_backy_line_id: "ordli_01" }],
      },
    }
    const refused = await raw("PUT", "/salesOrder/eid:order_edit_2?replace=item", unkeyed)
    expect(refused.status).toBe(400)
    expect(refused.body["o:errorDetails"][0]).toMatchObject({
      "o:errorCode": "USER_ERROR",
      detail: expect.stringContaining("cannot remove line 1"),
    })
    expect(sandbox.salesOrder("order_edit_2", "netsuite")!.lines).toHaveLength(2)
  })
})

describe("items", () => {
  it("report the item's own number (itemid) as the SKU, whatever refName shows", async () => {
    const ns = netsuite()
    await ns.upsertSalesOrder(sampleOrder({ id: "order_sku_1" }))
    const so = (await raw("GET", "/salesOrder/eid:order_sku_1")).body
    expect(so.item.items[1].item.refName).toBe("Hub Catalog : DR-2002 Drill press")

    sandbox.addShipment({ orderId: "order_sku_1", trackingNumber: "1Z999AA10123456784", carrier: "UPS Ground" })
    const [shipment] = await ns.readShipments(new Date(Date.now() - 86_400_000))
    expect(shipment!.lines).toEqual([
      { sku: "WR-1001", quantity: 12, line_id: "ordli_01" },
      { sku: "DR-2002", quantity: 3, line_id: "ordli_02" },
    ])
  })
})

describe("OAuth scope", () => {
  it("asks for rest_webservices only, which an integration record with REST web services alone accepts", async () => {
    const restOnly = await startErpSandbox({ netsuitePublicKey: cert.publicKey, netsuiteScopes: ["rest_webservices"] })
    try {
      await expect(
        netsuite({}, restOnly).upsertSalesOrder(sampleOrder({ id: "order_scope_1" }))
      ).resolves.toMatchObject({ created: false })
      const withRestlets = netsuite({ scopes: ["restlets", "rest_webservices"] }, restOnly)
      await expect(withRestlets.upsertSalesOrder(sampleOrder({ id: "order_scope_2" }))).rejects.toBeInstanceOf(
        ErpAuthError
      )
    } finally {
      await restOnly.close()
    }
  })
})
