/**
 * The Business Central connector over real HTTP against the ERP sandbox's BC (v2.0 API as its AL
 * pages define it: read-only fields refused, 409 Request_EntityChanged on a stale ETag, no
 * tracking on salesShipments, a customer number series). What the sandbox answers is cited in
 * `integration-tests/sandboxes/erp/business-central.ts`.
 */
import { startErpSandbox, type ErpSandbox, type ErpSandboxOptions } from "../../../integration-tests/sandboxes/erp"
import { BusinessCentralConnector } from "../../business-central/connector"
import { customerNumberFor } from "../../business-central/mapping"
import type { BusinessCentralSettings } from "../../business-central/settings"
import { createConnector } from "../../lib/create-connector"
import { ErpConfigError, ErpRetryableError } from "../../lib/errors"
import { BreakerRegistry } from "../../lib/http/breakers"
import { COMPANY_ID, ORDER_ID, sampleCustomer, sampleOrder, testDeps } from "../fixtures"

const CREDENTIALS = { clientId: "backy-bc-client", clientSecret: "bc-sandbox-secret-123" }
const COMPANY = "b6f4017a-b749-ee11-ad0b-a1422c0f7f1f"

let sandbox: ErpSandbox
const registries: BreakerRegistry[] = []
let logs: string[] = []

function connector(on: ErpSandbox = sandbox, extra: Partial<BusinessCentralSettings> = {}): BusinessCentralConnector {
  const breakers = new BreakerRegistry()
  registries.push(breakers)
  const deps = testDeps({ breakers })
  logs = deps.logs
  return createConnector(
    {
      kind: "business-central",
      id: "sbx-bc",
      settings: {
        tenantId: "contoso.onmicrosoft.com",
        environment: "sandbox",
        companyId: COMPANY,
        apiRoot: on.businessCentralBaseUrl,
        tokenUrl: on.businessCentralTokenUrl,
        shippingLine: { lineType: "Account", number: "6810", description: "Freight" },
        retry: { maxRetries: 0 },
        timeoutMs: 5000,
        ...extra,
      },
      credentials: CREDENTIALS,
    },
    { breakers, logger: deps.logger }
  ) as BusinessCentralConnector
}

/** Raw calls to the sandbox's BC, as any API client would make them. */
async function bcCall(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  on: ErpSandbox = sandbox
) {
  const token = await fetch(on.businessCentralTokenUrl, {
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
    `${on.businessCentralBaseUrl}/contoso.onmicrosoft.com/sandbox/api/v2.0/companies(${COMPANY})/${path}`,
    {
      method,
      headers: {
        Authorization: `Bearer ${token.access_token}`,
        ...(body ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    }
  )
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> }
}

const orderLines = (on: ErpSandbox = sandbox) =>
  on.salesOrder(ORDER_ID, "business-central")!.lines.map((l) => [l.key, l.lineType, l.sku, l.quantity])
const EXPECTED_LINES = [
  [5000, "Comment", "", 0],
  [10000, "Item", "WR-1001", 12],
  [20000, "Item", "DR-2002", 3],
  [30000, "Account", "6810", 1],
]

beforeAll(async () => {
  sandbox = await startErpSandbox({ credentials: CREDENTIALS })
})
afterEach(() => sandbox.reset())
afterAll(async () => {
  for (const r of registries) r.shutdown()
  await sandbox.close()
})

async function withSandbox(options: ErpSandboxOptions, run: (s: ErpSandbox) => Promise<void>): Promise<void> {
  const s = await startErpSandbox({ credentials: CREDENTIALS, ...options })
  try {
    await run(s)
  } finally {
    await s.close()
  }
}

describe("sales orders against the strict sandbox", () => {
  it("creates the order with writable fields only; BC fills bill-to from the customer", async () => {
    const bc = connector()
    const customer = await bc.upsertCustomer(sampleCustomer())
    await expect(bc.upsertSalesOrder(sampleOrder())).resolves.toMatchObject({ created: true })
    await expect(bc.upsertSalesOrder(sampleOrder())).resolves.toMatchObject({ created: false })

    expect(sandbox.createCount(ORDER_ID, "business-central")).toBe(1)
    // The sandbox refuses any read-only field, so the create going through is the proof; BC's own values:
    const stored = sandbox.salesOrder(ORDER_ID, "business-central")!
    expect(stored.fields).toMatchObject({
      customerNumber: customer.accountNumber,
      customerName: "Acme Tools Inc.",
      billToCustomerNumber: customer.accountNumber,
      billToName: "Acme Tools Inc.",
      billToAddressLine1: "500 Industrial Way",
      billToAddressLine2: "Dock 4",
      billToCity: "Fresno",
      billToCountry: "US",
      sellToAddressLine1: "500 Industrial Way",
      sellToAddressLine2: "",
      shipToName: "Acme Tools Inc.",
      shipToContact: "Dana Ruiz",
      shipToAddressLine2: "Dock 4",
    })
    expect(orderLines()).toEqual(EXPECTED_LINES)
    // The sandbox's BC has no tax setup: its total is the order's net.
    expect(sandbox.documentTotal(ORDER_ID, "business-central")).toBe("3958.38")
  })

  it("refuses a create for a customer BC does not have, with BC's message", async () => {
    const error = await connector()
      .upsertSalesOrder(sampleOrder())
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: "ERR_ERP_PERMANENT", status: 400, vendorCode: "Application_DialogException" })
    expect((error as Error).message).toContain("The sell-to customer cannot be found.")
  })

  it("refuses writes to read-only fields of salesOrders, salesOrderLines and customers with BC's error", async () => {
    const bc = connector()
    const { accountNumber } = await bc.upsertCustomer(sampleCustomer())
    const create = await bcCall("POST", "salesOrders", {
      customerNumber: accountNumber,
      externalDocumentNumber: "order_ro",
      billToName: "Someone else",
    })
    expect(create.status).toBe(400)
    expect(create.body.error.code).toBe("BadRequest_InvalidOperation")
    expect(create.body.error.message).toMatch(/^Control 'billToName' is read-only\./)
    expect(sandbox.salesOrders("business-central")).toHaveLength(0)

    const { erpId } = await bc.upsertSalesOrder(sampleOrder())
    const order = await bcCall("GET", `salesOrders(${erpId})?$expand=salesOrderLines`)
    for (const field of ["billToAddressLine1", "totalAmountIncludingTax", "number", "status"]) {
      const patch = await bcCall(
        "PATCH",
        `salesOrders(${erpId})`,
        { [field]: "x" },
        { "If-Match": order.body["@odata.etag"] }
      )
      expect([patch.status, patch.body.error.code, patch.body.error.message.split("  ")[0]]).toEqual([
        400,
        "BadRequest_InvalidOperation",
        `Control '${field}' is read-only.`,
      ])
    }
    const line = order.body.salesOrderLines[1]
    const linePatch = await bcCall(
      "PATCH",
      `salesOrders(${erpId})/salesOrderLines(${line.id})`,
      { amountIncludingTax: 1 },
      { "If-Match": line["@odata.etag"] }
    )
    expect([linePatch.status, linePatch.body.error.code]).toEqual([400, "BadRequest_InvalidOperation"])
    const renumber = await bcCall(
      "PATCH",
      `salesOrders(${erpId})/salesOrderLines(${line.id})`,
      { lineObjectNumber: "OTHER-1" },
      { "If-Match": line["@odata.etag"] }
    )
    expect([renumber.status, renumber.body.error.code, renumber.body.error.message.split("  ")[0]]).toEqual([
      400,
      "Application_DialogException",
      'The value for "lineObjectNumber" cannot be modified.',
    ])

    const customer = await bcCall("POST", "customers", { displayName: "Other Co", balanceDue: 0 })
    expect([customer.status, customer.body.error.code]).toEqual([400, "BadRequest_InvalidOperation"])
  })

  it("answers a stale If-Match with 409 Request_EntityChanged, and a line change moves the order's ETag", async () => {
    const bc = connector()
    await bc.upsertCustomer(sampleCustomer())
    const { erpId } = await bc.upsertSalesOrder(sampleOrder())
    const before = await bcCall("GET", `salesOrders(${erpId})?$expand=salesOrderLines`)
    const line = before.body.salesOrderLines[1]
    const lineChange = await bcCall(
      "PATCH",
      `salesOrders(${erpId})/salesOrderLines(${line.id})`,
      { quantity: 11 },
      { "If-Match": line["@odata.etag"] }
    )
    expect(lineChange.status).toBe(200)

    const stale = await bcCall(
      "PATCH",
      `salesOrders(${erpId})`,
      { email: "x@acme.example" },
      { "If-Match": before.body["@odata.etag"] }
    )
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe("Request_EntityChanged")
    expect(stale.body.error.message).toMatch(/^Another user has already changed the record\./)
    const none = await bcCall("PATCH", `salesOrders(${erpId})`, { email: "x@acme.example" })
    expect([none.status, none.body.error.code]).toEqual([400, "BadRequest_InvalidToken"])
  })

  it("retries a write BC refused as stale (409) from a fresh read: the order lands once, its lines are not duplicated", async () => {
    const bc = connector()
    await bc.upsertCustomer(sampleCustomer())
    await bc.upsertSalesOrder(sampleOrder())
    const changed = sampleOrder({ customer: { ...sampleOrder().customer, email: "payables@acme.example" } })
    changed.lines[1] = {
      ...changed.lines[1]!,
      quantity: 4,
      subtotal_minor: "493800",
      net_minor: "493800",
      tax_minor: "43208",
      total_minor: "537008",
    }
    Object.assign(changed, { subtotal_minor: "520288", tax_minor: "45047", total_minor: "564335" })

    // Two BC users save the order just before each of our first two header writes; then one saves the changed line.
    sandbox.businessCentralConcurrentEdit(2, { pathIncludes: "salesOrders(" })
    await expect(bc.upsertSalesOrder(changed)).resolves.toMatchObject({ created: false })
    sandbox.businessCentralConcurrentEdit(1, { pathIncludes: "salesOrderLines(" })
    changed.lines[1] = {
      ...changed.lines[1]!,
      quantity: 3,
      subtotal_minor: "370350",
      net_minor: "370350",
      tax_minor: "32406",
      total_minor: "402756",
    }
    await bc.upsertSalesOrder({ ...changed, subtotal_minor: "396838", tax_minor: "34245", total_minor: "430083" })

    const stored = sandbox.salesOrder(ORDER_ID, "business-central")!
    expect(stored.fields.email).toBe("payables@acme.example")
    expect(orderLines()).toEqual(EXPECTED_LINES)
    const conflicts = logs.filter((l) => l.includes("409 Request_EntityChanged"))
    expect(conflicts.map((l) => (l.includes("salesOrderLines(") ? "line" : "order"))).toEqual([
      "order",
      "order",
      "line",
    ])
    expect(sandbox.salesOrders("business-central")).toHaveLength(1)
    expect(sandbox.createCount(ORDER_ID, "business-central")).toBe(1)
  })

  it("gives up after three stale writes with a retryable error; the next sync lands the change", async () => {
    const bc = connector()
    await bc.upsertCustomer(sampleCustomer())
    await bc.upsertSalesOrder(sampleOrder())
    const changed = sampleOrder({ customer: { ...sampleOrder().customer, email: "payables@acme.example" } })
    sandbox.businessCentralConcurrentEdit(3, { pathIncludes: "salesOrders(" })
    const error = await bc.upsertSalesOrder(changed).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ErpRetryableError)
    expect(error).toMatchObject({ status: 409, vendorCode: "Request_EntityChanged" })
    await bc.upsertSalesOrder(changed)
    expect(sandbox.salesOrder(ORDER_ID, "business-central")!.fields.email).toBe("payables@acme.example")
    expect(orderLines()).toEqual(EXPECTED_LINES)
  })
})

describe("shipments", () => {
  it("come back as the standard page has them: no tracking number, no carrier, the posting day, the item lines", async () => {
    const bc = connector()
    await bc.upsertCustomer(sampleCustomer())
    await bc.upsertSalesOrder(sampleOrder())
    await bc.createFulfillmentRequest({
      id: "ful_1",
      order_id: ORDER_ID,
      lines: [{ line_id: "ordli_02", sku: "DR-2002", quantity: 2 }],
    })
    // The warehouse posts the shipment with a tracking number: BC keeps it in its table, the v2.0 page does not show it.
    const shipment = sandbox.addShipment({
      orderId: ORDER_ID,
      trackingNumber: "1Z999AA10123456784",
      carrier: "UPS",
      lines: [{ sku: "DR-2002", quantity: 2 }],
      shippedAt: "2025-03-15T09:00:00.000Z",
    })

    await expect(bc.readShipments("2025-03-14")).resolves.toEqual([
      {
        erp_id: shipment.erpId,
        order_id: ORDER_ID,
        tracking_numbers: [],
        carrier: undefined,
        shipped_at: "2025-03-15",
        lines: [{ sku: "DR-2002", quantity: 2 }],
      },
    ])
    const raw = await bcCall("GET", "salesShipments?$expand=salesShipmentLines")
    const keys = Object.keys(raw.body.value[0])
    expect(keys).not.toEqual(expect.arrayContaining(["packageTrackingNo"]))
    for (const invented of ["packageTrackingNo", "shippingAgentCode", "shipmentDate", "trackingNumber"])
      expect(keys).not.toContain(invented)
    expect(raw.body.value[0]).toMatchObject({
      externalDocumentNumber: ORDER_ID,
      postingDate: "2025-03-15",
      orderNumber: expect.stringMatching(/^S-ORD/),
    })
  })
})

describe("customer number series", () => {
  it("creates customers under the hub's number when the series allows manual numbers", async () => {
    await expect(connector().upsertCustomer(sampleCustomer())).resolves.toEqual({
      erpId: expect.any(String),
      accountNumber: customerNumberFor({ company_id: COMPANY_ID }),
      created: true,
    })
  })

  it("without manual numbers: BC's refusal becomes a config error saying what to set up; a BC-numbered customer set as erp_account_number works", async () => {
    await withSandbox({ businessCentral: { customerNos: { code: "CUST", manualNos: false } } }, async (strict) => {
      const bc = connector(strict)
      const error = await bc.upsertCustomer(sampleCustomer()).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ErpConfigError)
      expect(error).toMatchObject({ status: 400, vendorCode: "Application_DialogException" })
      expect((error as Error).message).toContain(
        "You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series CUST."
      )
      expect((error as Error).message).toContain("erp_account_number")
      expect(strict.customers("business-central")).toHaveLength(0)

      // The merchant's way out: BC numbers the customer, the hub is told its number.
      const created = await bcCall(
        "POST",
        "customers",
        { displayName: "Acme Tools Inc.", addressLine1: "500 Industrial Way", city: "Fresno", country: "US" },
        {},
        strict
      )
      expect(created.status).toBe(201)
      const number = created.body.number as string
      const order = sampleOrder({ customer: { ...sampleOrder().customer, erp_account_number: number } })
      await expect(bc.upsertSalesOrder(order)).resolves.toMatchObject({ created: true })
      expect(strict.salesOrder(ORDER_ID, "business-central")!.fields).toMatchObject({
        customerNumber: number,
        billToName: "Acme Tools Inc.",
      })
      await expect(bc.upsertCustomer({ ...sampleCustomer(), erp_account_number: number })).resolves.toMatchObject({
        accountNumber: number,
        created: false,
      })
    })
  })
})
