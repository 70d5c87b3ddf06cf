/**
 * Received returns in Business Central: the sales order stays as sold, each return is a sales
 * credit memo found by externalDocumentNumber = our return id. Mapping first, then the connector
 * over real HTTP against the sandbox's BC, which refuses what the v2.0 pages refuse
 * (integration-tests/sandboxes/erp/business-central.ts, [SCM]/[SCML]).
 */
import { startErpSandbox, type ErpSandbox } from "../../../integration-tests/sandboxes/erp"
import { toBcSalesCreditMemo, toBcSalesCreditMemoLines } from "../../business-central/credit-memo"
import type { BusinessCentralConnector } from "../../business-central/connector"
import { customerNumberFor } from "../../business-central/mapping"
import type { BusinessCentralSettings } from "../../business-central/settings"
import { createConnector } from "../../lib/create-connector"
import { ErpConfigError } from "../../lib/errors"
import { BreakerRegistry } from "../../lib/http/breakers"
import { stringifyJson } from "../../lib/json"
import {
  ORDER_ID,
  RETURN_ID,
  sampleCustomer,
  sampleOrder,
  sampleReturn,
  sampleReturnedOrder,
  testDeps,
} from "../fixtures"

const CREDENTIALS = { clientId: "backy-bc-client", clientSecret: "bc-sandbox-secret-123" }
const COMPANY = "b6f4017a-b749-ee11-ad0b-a1422c0f7f1f"
const SETTINGS = {
  tenantId: "contoso.onmicrosoft.com",
  environment: "sandbox",
  companyId: COMPANY,
  shippingLine: { lineType: "Account", number: "6810", description: "Freight" },
  taxLine: { lineType: "Account", number: "2310", exemptTaxCode: "NOTAX", description: "Sales tax" },
} satisfies BusinessCentralSettings

const json = (value: unknown) => JSON.parse(stringifyJson(value))

describe("credit memo mapping", () => {
  it("is a header the page lets a client write: our return id, the day received, the customer, never pricesIncludeTax", () => {
    const header = toBcSalesCreditMemo(sampleReturnedOrder(), sampleReturn(), SETTINGS)
    expect(header).toEqual({
      externalDocumentNumber: RETURN_ID,
      creditMemoDate: "2025-03-21",
      customerNumber: customerNumberFor(sampleOrder().customer),
      currencyCode: "USD",
      email: "ap@acme.example",
      phoneNumber: "+1 559 555 0100",
      sellToAddressLine1: "500 Industrial Way",
      sellToAddressLine2: "",
      sellToCity: "Fresno",
      sellToState: "CA",
      sellToCountry: "US",
      sellToPostCode: "93706",
    })
  })

  it("states the returned units like an order line (price × quantity less the discount = the net amount) and the hub's tax on its tax line", () => {
    expect(json(toBcSalesCreditMemoLines(sampleReturnedOrder(), sampleReturn(), SETTINGS))).toEqual([
      { sequence: 5000, lineType: "Comment", description: "Customer PO PO-77812" },
      {
        sequence: 10000,
        lineType: "Item",
        lineObjectNumber: "WR-1001",
        description: "Torque wrench",
        quantity: 2,
        unitPrice: 19.99,
        discountAmount: 1.67,
        taxCode: "NOTAX",
      },
      {
        sequence: 20000,
        lineType: "Account",
        lineObjectNumber: "2310",
        description: "Sales tax 8 %",
        quantity: 1,
        unitPrice: 3.06,
        taxCode: "NOTAX",
      },
    ])
  })

  it("states a tax-inclusive return net as well: a credit memo's Prices Including VAT is the customer's, not ours", () => {
    // Priced gross (21.59 a unit), worth the same net amounts.
    const gross = sampleReturn()
    gross.lines = gross.lines.map((l) => ({ ...l, tax_inclusive: true, unit_price: "21.59", unit_price_minor: "2159" }))
    const order = { ...sampleReturnedOrder(gross), tax_inclusive: true }
    const { taxLine: _own, ...bcTax } = SETTINGS
    const [, item] = json(toBcSalesCreditMemoLines(order, gross, { ...bcTax, taxCodes: { "8": "TAXABLE" } }))
    expect(item).toMatchObject({ quantity: 2, unitPrice: 19.99, discountAmount: 1.67, taxCode: "TAXABLE" })
  })

  it("refuses a return id longer than externalDocumentNumber allows", () => {
    expect(() =>
      toBcSalesCreditMemo(sampleReturnedOrder(), sampleReturn({ id: `return_${"X".repeat(29)}` }), SETTINGS)
    ).toThrow(ErpConfigError)
  })
})

describe("returns against the sandbox", () => {
  let sandbox: ErpSandbox
  const registries: BreakerRegistry[] = []

  function connector(): BusinessCentralConnector {
    const breakers = new BreakerRegistry()
    registries.push(breakers)
    return createConnector(
      {
        kind: "business-central",
        id: "sbx-bc-returns",
        settings: {
          ...SETTINGS,
          apiRoot: sandbox.businessCentralBaseUrl,
          tokenUrl: sandbox.businessCentralTokenUrl,
          retry: { maxRetries: 0 },
          timeoutMs: 5000,
        },
        credentials: CREDENTIALS,
      },
      testDeps({ breakers })
    ) as BusinessCentralConnector
  }

  /** A raw call, as any API client would make it. */
  async function bcCall(method: string, path: string, body?: unknown) {
    const token = await fetch(sandbox.businessCentralTokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: CREDENTIALS.clientId,
        client_secret: CREDENTIALS.clientSecret,
        scope: "https://api.businesscentral.dynamics.com/.default",
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>)
    const res = await fetch(
      `${sandbox.businessCentralBaseUrl}/contoso.onmicrosoft.com/sandbox/api/v2.0/companies(${COMPANY})/${path}`,
      {
        method,
        headers: { Authorization: `Bearer ${token.access_token}`, "Content-Type": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      }
    )
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> }
  }

  beforeAll(async () => {
    sandbox = await startErpSandbox({ credentials: CREDENTIALS })
  })
  afterEach(() => sandbox.reset())
  afterAll(async () => {
    for (const r of registries) r.shutdown()
    await sandbox.close()
  })

  async function placed(bc: BusinessCentralConnector): Promise<void> {
    await bc.upsertCustomer(sampleCustomer())
    await bc.upsertSalesOrder(sampleOrder())
  }

  it("keeps the sales order as sold and books the return as one credit memo whose total is the return's", async () => {
    const bc = connector()
    await placed(bc)
    const order = sampleReturnedOrder()
    const writes = sandbox.upsertCount(ORDER_ID, "business-central")

    await bc.upsertSalesOrder(order)
    // As sold, line for line: nothing to write.
    expect(sandbox.upsertCount(ORDER_ID, "business-central")).toBe(writes)
    expect(sandbox.documentTotal(ORDER_ID, "business-central")).toBe("4300.83")

    const booked = await bc.upsertReturn(order, sampleReturn())
    const memo = sandbox.creditMemo(RETURN_ID, "business-central")!
    expect(booked).toEqual({ erpId: memo.erpId, created: true })
    expect(memo.number).toMatch(/^S-CR/)
    expect(memo.lines.map((l) => [l.key, l.lineType, l.sku, l.quantity, l.unitPrice, l.discount])).toEqual([
      [5000, "Comment", "", 0, undefined, undefined],
      [10000, "Item", "WR-1001", 2, "19.99", "1.67"],
      [20000, "Account", "2310", 1, "3.06", undefined],
    ])
    expect(sandbox.creditMemoTotal(RETURN_ID, "business-central")).toBe("41.37")
  })

  it("books a return again (a retried sync, or one whose create answer was lost) onto the same credit memo", async () => {
    const bc = connector()
    await placed(bc)
    const order = sampleReturnedOrder()
    // An earlier attempt created the header and died before its lines.
    const header = toBcSalesCreditMemo(order, sampleReturn(), SETTINGS)
    expect((await bcCall("POST", "salesCreditMemos", header)).status).toBe(201)

    expect(await bc.upsertReturn(order, sampleReturn())).toMatchObject({ created: false })
    const writes = sandbox.upsertCount(RETURN_ID, "business-central")
    expect(await bc.upsertReturn(order, sampleReturn())).toMatchObject({ created: false })
    expect(sandbox.upsertCount(RETURN_ID, "business-central")).toBe(writes)
    expect(sandbox.creditMemos("business-central")).toHaveLength(1)
    expect(sandbox.createCount(RETURN_ID, "business-central")).toBe(1)
    expect(sandbox.creditMemoTotal(RETURN_ID, "business-central")).toBe("41.37")
  })

  it("(the sandbox) refuses what the credit memo pages refuse: pricesIncludeTax, an unknown customer, a line's Qty. to Ship", async () => {
    const bc = connector()
    await placed(bc)
    const header = toBcSalesCreditMemo(sampleReturnedOrder(), sampleReturn(), SETTINGS)

    const priced = await bcCall("POST", "salesCreditMemos", { ...header, pricesIncludeTax: true })
    expect(priced.status).toBe(400)
    expect(priced.body.error).toMatchObject({ code: "BadRequest_InvalidOperation" })

    const stranger = await bcCall("POST", "salesCreditMemos", { ...header, customerNumber: "NOPE" })
    expect(stranger.body.error).toMatchObject({ code: "Application_DialogException" })
    expect(stranger.body.error.message).toContain("The sell-to customer cannot be found.")

    const memo = await bcCall("POST", "salesCreditMemos", header)
    const line = await bcCall("POST", `salesCreditMemos(${memo.body.id})/salesCreditMemoLines`, {
      lineType: "Item",
      lineObjectNumber: "WR-1001",
      quantity: 2,
      shipQuantity: 2,
    })
    expect(line.status).toBe(501)
    expect(memo.body).toMatchObject({ pricesIncludeTax: false, status: "Draft" })
    expect(memo.body).not.toHaveProperty("shipToName")
  })
})
