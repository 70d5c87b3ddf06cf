import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ordersBehindTheirEvents } from "../workflows/orders/utils/orders-behind-their-events"
import { runOrderPlacedEffects } from "../workflows/orders/utils/order-placed-effects"
import { recordOrderEventWorkflow } from "../workflows/orders/record-order-event"
import { issueInvoiceWorkflow } from "../workflows/invoicing/issue-invoice"
import { voidOrderInvoiceWorkflow } from "../workflows/invoicing/void-order-invoice"
import { creditReturnWorkflow } from "../workflows/invoicing/credit-return"
import { recordOrderReturnWorkflow } from "../workflows/orders/record-order-return"
import { returnsBehindTheirEvents } from "../workflows/orders/utils/returns-behind-their-events"
import {
  fulfillmentsBehindTheirEvents,
  type FulfillmentFact,
} from "../workflows/orders/utils/fulfillments-behind-their-events"
import { describeError } from "../lib/errors/describe-error"

/** A queued Medusa event may wait this long for a (restarting) worker before it counts as lost. */
const GRACE_MS = 60_000
/**
 * A process's first run looks this far back; later runs go on from where the
 * last one finished (minus OVERLAP_MS), so each run reads only the orders
 * changed since. Older ones are left to an operator (the money drift report
 * flags an order without its document).
 */
const FIRST_LOOKBACK_MS = 24 * 3600 * 1000
const OVERLAP_MS = 5 * 60_000
const BATCH = 200

/** The end of the window the last complete run of this process checked. */
let checkedUntil: Date | undefined

/**
 * Every 30 s: orders whose Medusa event was lost (it lives only in Redis until
 * a worker takes it) get what the subscriber would have done:
 * - no order.placed event: the hub event for the ERP and partners, and the
 *   invoice (order-placed.ts);
 * - changed since the last document the hub published: the order.updated (or
 *   order.canceled) event with the order as it stands (order-changed.ts);
 * - a placed net-terms order without an invoice record (the subscriber died
 *   between the two, and its event was lost): the invoice;
 * - an invoice record whose issuing run died before sending it: the run, resumed;
 * - a canceled order with an invoice neither void nor paid (order.canceled
 *   lost): the invoice voided (order-canceled-invoice.ts);
 * - a sent invoice without `invoice.issued` (the issuing run died after
 *   sending): the event;
 * - a received return without its `order.returned` event or, on an invoiced
 *   order, its credit note: the event, the credit (order-returned.ts,
 *   order-return-received.ts);
 * - a fulfillment created or shipped without its `order.fulfillment_created` or
 *   `order.shipped` event: the event (order-changed.ts, order-shipped.ts).
 * So a Redis flush or a killed worker delays an order by about a minute
 * instead of losing it. All are idempotent (dedupe keys, Stripe idempotency
 * keys, invoice locks), so a late subscriber and this job may both run.
 */
export default async function ordersPlacedReconcile(container: MedusaContainer) {
  const until = new Date(Date.now() - GRACE_MS)
  const since = checkedUntil
    ? new Date(checkedUntil.getTime() - OVERLAP_MS)
    : new Date(until.getTime() - FIRST_LOOKBACK_MS)
  await finishOrdersChangedIn(container, { since, until })
  checkedUntil = until
}

/** Finishes every order last changed, return received and fulfillment created or shipped in [`since`, `until`) that is behind its events. */
export async function finishOrdersChangedIn(container: MedusaContainer, window: { since: Date; until: Date }) {
  for (let offset = 0; ; offset += BATCH) {
    const page = await ordersBehindTheirEvents(container, { ...window, limit: BATCH, offset })
    await finishOrders(container, page)
    if (page.checked < BATCH) break
  }
  for (let offset = 0; ; offset += BATCH) {
    const page = await returnsBehindTheirEvents(container, { ...window, limit: BATCH, offset })
    await finishReturns(container, page)
    if (page.checked < BATCH) break
  }
  for (let offset = 0; ; offset += BATCH) {
    const page = await fulfillmentsBehindTheirEvents(container, { ...window, limit: BATCH, offset })
    await finishFulfillments(container, page.missing)
    if (page.checked < BATCH) break
  }
}

/** What order-changed.ts (order.fulfillment_created) and order-shipped.ts (order.shipped) would have recorded. */
async function finishFulfillments(container: MedusaContainer, missing: FulfillmentFact[]) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  for (const { order_id, fulfillment_id, type } of missing) {
    logger.warn(
      `orders-placed-reconcile: fulfillment ${fulfillment_id} of order ${order_id} has no ${type} event: recording it`
    )
    await recordOrderEventWorkflow(container)
      .run({ input: { order_id, type, fulfillment_id } })
      .catch((e) => logger.error(`orders-placed-reconcile: fulfillment ${fulfillment_id}: ${describeError(e)}`))
  }
}

/** What the two order.return_received subscribers would have done (order-returned.ts, order-return-received.ts). */
async function finishReturns(
  container: MedusaContainer,
  { unannounced, uncredited }: Awaited<ReturnType<typeof returnsBehindTheirEvents>>
) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  for (const { order_id, return_id } of unannounced) {
    logger.warn(`orders-placed-reconcile: received return ${return_id} has no order.returned event: recording it`)
    await recordOrderReturnWorkflow(container)
      .run({ input: { order_id, return_id } })
      .catch((e) => logger.error(`orders-placed-reconcile: return ${return_id}: ${describeError(e)}`))
  }
  for (const returnId of uncredited) {
    logger.warn(`orders-placed-reconcile: received return ${returnId} of an invoiced order has no credit: crediting it`)
    await creditReturnWorkflow(container)
      .run({ input: { return_id: returnId } })
      .catch((e) => logger.error(`orders-placed-reconcile: return ${returnId}: ${describeError(e)}`))
  }
}

async function finishOrders(
  container: MedusaContainer,
  { unplaced, stale, unannounced, uninvoiced, unissued, unvoided }: Awaited<ReturnType<typeof ordersBehindTheirEvents>>
) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  for (const orderId of unplaced) {
    logger.warn(`orders-placed-reconcile: order ${orderId} has no order.placed event (Medusa event lost): handling it`)
    await runOrderPlacedEffects(container, orderId).catch((e) =>
      logger.error(`orders-placed-reconcile: order ${orderId}: ${describeError(e)}`)
    )
  }
  for (const { order_id, canceled } of stale) {
    const type = canceled ? "order.canceled" : "order.updated"
    logger.warn(`orders-placed-reconcile: order ${order_id} changed after its last hub event: recording ${type}`)
    await recordOrderEventWorkflow(container)
      .run({ input: { order_id, type } })
      .catch((e) => logger.error(`orders-placed-reconcile: order ${order_id}: ${describeError(e)}`))
  }
  for (const orderId of uninvoiced) {
    logger.warn(
      `orders-placed-reconcile: net-terms order ${orderId} has its order.placed event but no invoice (the issuing run died before it began): issuing it`
    )
    await issueInvoiceWorkflow(container)
      .run({ input: { order_id: orderId } })
      .catch((e) => logger.error(`orders-placed-reconcile: order ${orderId}: ${describeError(e)}`))
  }
  for (const { order_id, invoice_id } of unissued) {
    // Resumes from the recorded progress under the invoice's lock; its Stripe keys make repeated calls replays.
    logger.warn(`orders-placed-reconcile: invoice ${invoice_id}'s issuing run died before sending it: resuming it`)
    await issueInvoiceWorkflow(container)
      .run({ input: { order_id, invoice_id } })
      .catch((e) => logger.error(`orders-placed-reconcile: invoice ${invoice_id}: ${describeError(e)}`))
  }
  for (const orderId of unvoided) {
    logger.warn(
      `orders-placed-reconcile: canceled order ${orderId} still has an unpaid invoice (order.canceled lost): voiding it`
    )
    await voidOrderInvoiceWorkflow(container)
      .run({ input: { order_id: orderId } })
      .catch((e) => logger.error(`orders-placed-reconcile: order ${orderId}: ${describeError(e)}`))
  }
  for (const { order_id, invoice_id } of unannounced) {
    // The issuing run resumes: the invoice is sent, so it only records invoice.issued.
    logger.warn(`orders-placed-reconcile: invoice ${invoice_id} was sent without invoice.issued: recording it`)
    await issueInvoiceWorkflow(container)
      .run({ input: { order_id, invoice_id } })
      .catch((e) => logger.error(`orders-placed-reconcile: invoice ${invoice_id}: ${describeError(e)}`))
  }
}

export const config = { name: "orders-placed-reconcile", schedule: { interval: 30_000 } }
