import { ORDER_MONEY_FIELDS, orderMoney, type MedusaMoneyOrder } from "../../../lib/orders/order-money"

/** The order fields orderTotalMinor reads (for query.graph). */
export const ORDER_TOTAL_FIELDS = ORDER_MONEY_FIELDS

/**
 * Medusa's order total in minor units, as the order money model states it:
 * the same figure the invoice and the ERP document are views of, so the drift
 * report compares like with like. The one place the report reads a Medusa
 * total.
 */
export function orderTotalMinor(order: MedusaMoneyOrder): bigint {
  return orderMoney(order).total_minor
}
