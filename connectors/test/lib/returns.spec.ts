import { ErpConfigError } from "../../lib/errors"
import { assertOrderAddsUp } from "../../lib/order-checks"
import { orderAsSold, returnAsOrder } from "../../lib/returns"
import { sampleOrder, sampleReturn, sampleReturnedOrder } from "../fixtures"

describe("orderAsSold", () => {
  it("adds each return's units and money back to its line and the totals: the order as placed", () => {
    const returned = sampleReturnedOrder()
    assertOrderAddsUp(returned)
    const sold = orderAsSold(returned)
    const { returns, ...rest } = sold
    expect(rest).toEqual(sampleOrder())
    expect(returns).toEqual([sampleReturn()])
    assertOrderAddsUp(sold)
  })

  it("sums several returns of one line", () => {
    const first = sampleReturn()
    const second = sampleReturn({ id: "return_2", received_at: "2025-03-22T09:30:00.000Z" })
    const afterBoth = sampleReturnedOrder({
      ...first,
      lines: [
        {
          ...first.lines[0]!,
          quantity: 4,
          subtotal_minor: "7996",
          discount_minor: "334",
          discount_tax_minor: "26",
          net_minor: "7662",
          tax_minor: "612",
          total_minor: "8274",
        },
      ],
      subtotal_minor: "7996",
      discount_minor: "334",
      discount_tax_minor: "26",
      tax_minor: "612",
      total_minor: "8274",
    })
    const { returns: _r, ...sold } = orderAsSold({ ...afterBoth, returns: [first, second] })
    expect(sold).toEqual(sampleOrder())
  })

  it("is the order itself when nothing was returned", () => {
    const order = sampleOrder()
    expect(orderAsSold(order)).toBe(order)
    expect(orderAsSold({ ...order, returns: [] })).toEqual({ ...order, returns: [] })
  })

  it("refuses a return of a line the order does not have", () => {
    const ret = sampleReturn({ lines: [{ ...sampleReturn().lines[0]!, line_id: "ordli_gone" }] })
    expect(() => orderAsSold({ ...sampleOrder(), returns: [ret] })).toThrow(ErpConfigError)
  })
})

describe("returnAsOrder", () => {
  it("is the return's lines and totals under the order's customer and currency, without shipping or credit", () => {
    const order = sampleReturnedOrder()
    const view = returnAsOrder(order, sampleReturn())
    expect(view).toMatchObject({
      id: sampleReturn().id,
      currency_code: "usd",
      customer: order.customer,
      shipping_lines: [],
      shipping_minor: "0",
      credit_minor: "0",
      total_minor: "4137",
      tax_minor: "306",
    })
    expect(view.lines).toEqual(sampleReturn().lines)
    expect(view.returns).toBeUndefined()
  })

  it("refuses a return whose parts do not add up, before any request", () => {
    expect(() => returnAsOrder(sampleReturnedOrder(), sampleReturn({ total_minor: "4138" }))).toThrow(ErpConfigError)
  })
})
