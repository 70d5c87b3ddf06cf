/**
 * Received returns in NetSuite: the sales order stays as sold, each return is a credit memo
 * upserted by our return id. Mapping first, then the adapter over real HTTP against the ERP
 * sandbox's NetSuite, which refuses what NetSuite refuses (integration-tests/sandboxes/erp/netsuite.ts).
 */
import { startErpSandbox, type ErpSandbox } from "../../../integration-tests/sandboxes/erp"
import { BreakerRegistry } from "../../lib/http/breakers"
import { createConnector } from "../../lib/create-connector"
import { ErpPermanentError } from "../../lib/errors"
import { stringifyJson } from "../../lib/json"
import { toNetSuiteCreditMemo } from "../../netsuite/credit-memo"
import type { NetSuiteConnector } from "../../netsuite/connector"
import type { NetSuiteSettings } from "../../netsuite/settings"
import { ecKeyPair, ORDER_ID, RETURN_ID, sampleOrder, sampleReturn, sampleReturnedOrder } from "../fixtures"

const TAX = { taxDetails: { taxTypeId: "7", taxCodeId: "1432" }, shippingItemId: "ship-1" }
const BASE: NetSuiteSettings = { accountId: "1234567_SB1" }

describe("credit memo mapping", () => {
  it("states the returned units at their net amount, net of the discount, with the customer and a memo naming the order", () => {
    const body = toNetSuiteCreditMemo(sampleReturnedOrder(), sampleReturn(), BASE)
    expect(JSON.parse(stringifyJson(body))).toEqual({
      externalId: RETURN_ID,
      entity: { externalId: sampleOrder().customer.company_id },
      tranDate: "2025-03-21",
      otherRefNum: "PO-77812",
      memo: "backy return 7 of order 1042: 41.37 USD",
      billingAddress: expect.objectContaining({ addr1: "500 Industrial Way", zip: "93706" }),
      // 38.31 ÷ 2 is not whole cents: the amount goes alone, NetSuite derives the rate.
      item: {
        items: [
          {
            item: { externalId: "WR-1001" },
            quantity: 2,
            amount: 38.31,
            description: "Torque wrench",
            custcol_backy_line_id: "ordli_01",
          },
        ],
      },
    })
    expect(body).not.toHaveProperty("shippingCost")
  })

  it("states the hub's tax as tax details, so NetSuite's total is the return's", () => {
    const body = JSON.parse(stringifyJson(toNetSuiteCreditMemo(sampleReturnedOrder(), sampleReturn(), TAX as never)))
    expect(body.taxDetailsOverride).toBe(true)
    expect(body.taxDetails.items).toEqual([
      {
        taxDetailsReference: "ordli_01",
        taxType: { id: "7" },
        taxCode: { id: "1432" },
        taxBasis: 38.31,
        taxRate: 8,
        taxAmount: 3.06,
      },
    ])
    expect(body.item.items[0].taxDetailsReference).toBe("ordli_01")
  })

  it("references the customer by the ERP's account number when the hub has it", () => {
    const order = sampleReturnedOrder()
    order.customer.erp_account_number = "C-1001"
    expect(toNetSuiteCreditMemo(order, sampleReturn(), BASE).entity).toEqual({ id: "C-1001" })
  })
})

describe("returns against the sandbox", () => {
  const cert = ecKeyPair()
  const registries: BreakerRegistry[] = []
  let sandbox: ErpSandbox

  function netsuite(settings: Partial<NetSuiteSettings> = {}): NetSuiteConnector {
    const breakers = new BreakerRegistry()
    registries.push(breakers)
    return createConnector(
      {
        kind: "netsuite",
        id: "ns-sbx-returns",
        settings: {
          accountId: "1234567_SB1",
          baseUrl: sandbox.netsuiteBaseUrl,
          tokenUrl: sandbox.netsuiteTokenUrl,
          retry: { maxRetries: 1, baseDelayMs: 10 },
          ...TAX,
          ...settings,
        },
        credentials: { clientId: "backy-ns", certificateId: "cert-1", privateKey: cert.privateKeyPem },
      },
      { breakers }
    ) as NetSuiteConnector
  }

  beforeAll(async () => {
    sandbox = await startErpSandbox({ netsuitePublicKey: cert.publicKey })
  })
  afterEach(() => sandbox.reset())
  afterAll(async () => {
    for (const r of registries) r.shutdown()
    await sandbox.close()
  })

  /** The sample order placed and shipped in full, as NetSuite knows it before the return. */
  async function shippedOrder(ns: NetSuiteConnector): Promise<void> {
    await ns.upsertSalesOrder({ ...sampleOrder(), revision: 1 })
    sandbox.addShipment({ orderId: ORDER_ID, trackingNumber: "1Z999AA10123456784" })
  }

  it("(the sandbox) refuses lowering a shipped line to the units kept, as NetSuite does", async () => {
    const ns = netsuite()
    await shippedOrder(ns)
    const { returns: _none, ...keptOnly } = sampleReturnedOrder()
    await expect(ns.upsertSalesOrder(keptOnly)).rejects.toThrow(/cannot be less than the quantity fulfilled/)
    await expect(ns.upsertSalesOrder(keptOnly)).rejects.toBeInstanceOf(ErpPermanentError)
  })

  it("keeps the sales order as sold and books the return as one credit memo whose total is the return's", async () => {
    const ns = netsuite()
    await shippedOrder(ns)
    const order = sampleReturnedOrder()

    await ns.upsertSalesOrder(order)
    const so = sandbox.salesOrder(ORDER_ID, "netsuite")!
    expect(so.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["WR-1001", 12],
      ["DR-2002", 3],
      ["ship-1", 1],
    ])
    expect(sandbox.documentTotal(ORDER_ID, "netsuite")).toBe("4300.83")

    const booked = await ns.upsertReturn(order, sampleReturn())
    const memo = sandbox.creditMemo(RETURN_ID, "netsuite")!
    expect(booked.erpId).toBe(memo.erpId)
    expect(memo.lines.map((l) => [l.sku, l.lineId, l.quantity, l.amount])).toEqual([
      ["WR-1001", "ordli_01", 2, "38.31"],
    ])
    expect(memo.fields.entity).toEqual({ externalId: sampleOrder().customer.company_id })
    expect(sandbox.creditMemoTotal(RETURN_ID, "netsuite")).toBe("41.37")
    // Net in NetSuite: the order as sold less the credit memo = the order's total now.
    expect(Math.round((4300.83 - 41.37) * 100)).toBe(Number(order.total_minor))
  })

  it("books a return again (a retried sync) onto the same credit memo, never a second", async () => {
    const ns = netsuite()
    await shippedOrder(ns)
    const order = sampleReturnedOrder()
    const first = await ns.upsertReturn(order, sampleReturn())
    const again = await ns.upsertReturn(order, sampleReturn())
    expect(again.erpId).toBe(first.erpId)
    expect(sandbox.creditMemos("netsuite")).toHaveLength(1)
    expect(sandbox.createCount(RETURN_ID, "netsuite")).toBe(1)
    expect(sandbox.creditMemo(RETURN_ID, "netsuite")!.lines).toHaveLength(1)
  })

  it("(the sandbox) refuses a new credit memo without lines, as every sales transaction", async () => {
    const zero = { subtotal_minor: "0", discount_minor: "0", discount_tax_minor: "0", tax_minor: "0", total_minor: "0" }
    const empty = sampleReturn({ lines: [], ...zero })
    await expect(netsuite().upsertReturn(sampleReturnedOrder(), empty)).rejects.toThrow(/at least one line item/)
    expect(sandbox.creditMemos("netsuite")).toHaveLength(0)
  })
})
