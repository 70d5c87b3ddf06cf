// Finds or opens the Medusa net-terms payment an invoice settles; used by the issue and ensure-payment steps.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { toMajorString, toMinor } from "../../../lib/money"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"

/**
 * Which Medusa payment an invoice settles. Each of an order's invoices
 * settles one net-terms payment, found by the session id the invoice carries
 * (our record's payment_session_id, Stripe's medusa_payment_session_id), for
 * at most what the invoice bills: so Medusa's captured amount is what Stripe
 * collected, invoice by invoice.
 *
 * After an order change Medusa reshapes the order's payment collections
 * (createOrUpdateOrderPaymentCollectionWorkflow): an authorized collection is
 * canceled and a new one opened for what is pending (the whole new total
 * while nothing is captured; the increase once the first invoice is paid).
 * A reissued or supplementary invoice settles a payment opened on that
 * collection (openInvoicePayment).
 */

type Container = MedusaContainer | { resolve: MedusaContainer["resolve"] }

export type NetTermsPayment = {
  id: string
  amount: unknown
  captured_at: unknown
  canceled_at: unknown
  payment_session_id?: string | null
  payment_collection_id?: string
  data?: Record<string, unknown> | null
}

type Collection = {
  id: string
  status: string
  amount: unknown
  raw_amount?: { value?: string } | null
  currency_code: string
  payment_sessions: {
    id: string
    provider_id: string
    status: string
    amount: unknown
    data: Record<string, unknown> | null
  }[]
  payments: (NetTermsPayment & { provider_id: string })[]
}

/** A collection as Query returns it: relations may hold nulls. */
type CollectionRow = Omit<Collection, "payment_sessions" | "payments"> & {
  payment_sessions?: (Collection["payment_sessions"][number] | null)[] | null
  payments?: (Collection["payments"][number] | null)[] | null
}

/** Medusa amounts arrive as numbers, numeric strings, BigNumber or raw `{ value }`. */
export function decimalOf(value: unknown): string {
  if (value !== null && typeof value === "object") {
    const v = value as { value?: unknown; numeric?: unknown }
    return decimalOf(v.value ?? v.numeric)
  }
  return value === undefined || value === null || value === "" ? "0" : String(value)
}

const COLLECTION_FIELDS = [
  "id",
  "payment_collections.id",
  "payment_collections.status",
  "payment_collections.amount",
  "payment_collections.raw_amount",
  "payment_collections.currency_code",
  "payment_collections.payment_sessions.id",
  "payment_collections.payment_sessions.provider_id",
  "payment_collections.payment_sessions.status",
  "payment_collections.payment_sessions.amount",
  "payment_collections.payment_sessions.data",
  "payment_collections.payments.id",
  "payment_collections.payments.amount",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.canceled_at",
  "payment_collections.payments.payment_session_id",
  "payment_collections.payments.data",
]

const isPresent = <T>(value: T | null | undefined): value is T => !!value

export async function orderPaymentCollections(container: Container, orderId: string): Promise<Collection[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: COLLECTION_FIELDS, filters: { id: orderId } })
  const order = data[0] as { payment_collections?: (CollectionRow | null)[] | null } | undefined
  return (order?.payment_collections ?? []).filter(isPresent).map((pc) => ({
    ...pc,
    payment_sessions: (pc.payment_sessions ?? []).filter(isPresent),
    payments: (pc.payments ?? []).filter(isPresent),
  }))
}

type InvoiceRef = {
  id: string
  order_id: string
  sequence?: number | null
  payment_session_id?: string | null
  stripe_invoice_id?: string | null
}

/**
 * The net-terms payment an invoice settles: the one of its session; else one
 * opened for it (data.hub_invoice_id, e.g. when settling after Medusa
 * canceled the original); else — for the order's own invoice only, on
 * records older than the session id — the order's first net-terms payment.
 */
export async function findInvoicePayment(container: Container, invoice: InvoiceRef): Promise<NetTermsPayment | null> {
  const payments = (await orderPaymentCollections(container, invoice.order_id)).flatMap((pc) =>
    pc.payments
      .filter((p) => p.provider_id === NET_TERMS_PROVIDER_ID)
      .map((p) => ({ ...p, payment_collection_id: pc.id }))
  )
  const bySession = invoice.payment_session_id
    ? payments.find((p) => p.payment_session_id === invoice.payment_session_id)
    : undefined
  if (bySession) return bySession
  const opened = payments.filter((p) => p.data?.hub_invoice_id === invoice.id)
  const live = opened.find((p) => !p.canceled_at) ?? opened[0]
  if (live) return live
  if ((invoice.sequence ?? 1) === 1 && !invoice.payment_session_id) return payments[0] ?? null
  return null
}

/** What a collection still waits for: its amount less every payment not canceled on it. */
function uncovered(pc: Collection): string {
  const amount = pc.raw_amount?.value ?? decimalOf(pc.amount)
  const taken = pc.payments.filter((p) => !p.canceled_at).map((p) => decimalOf(p.amount))
  return MathBN.sub(amount, ...taken, 0).toFixed()
}

const OPEN_STATUSES = new Set(["not_paid", "awaiting", "authorized", "partially_authorized"])

export type OpenedPayment = { session_id: string; payment_id: string; amount_minor: bigint }

/**
 * A net-terms payment for an invoice on the order's collection that waits
 * for money (the one Medusa opened for the change): a session for what the
 * invoice bills (`maxMinor`; at least the collection's exact pending amount
 * when the invoice covers it), authorized at once (the provider makes no
 * Stripe call). Reuses
 * the session already opened for the invoice (its data names the invoice),
 * so a retry after a crash opens nothing twice. Null when no collection
 * waits for money (nothing for Medusa to capture: documented limit).
 */
export async function openInvoicePayment(
  container: Container,
  invoice: InvoiceRef & { currency_code: string },
  maxMinor: bigint
): Promise<OpenedPayment | null> {
  const payments = container.resolve(Modules.PAYMENT)
  const collections = await orderPaymentCollections(container, invoice.order_id)
  const currency = invoice.currency_code
  for (const pc of collections) {
    const session = pc.payment_sessions.find(
      (s) => s.provider_id === NET_TERMS_PROVIDER_ID && s.data?.hub_invoice_id === invoice.id && s.status !== "canceled"
    )
    if (!session) continue
    const payment = await payments.authorizePaymentSession(session.id, {})
    if (payment)
      return {
        session_id: session.id,
        payment_id: payment.id,
        amount_minor: toMinor(decimalOf(session.amount), currency, { round: true }),
      }
  }
  const pc = collections.find((c) => OPEN_STATUSES.has(c.status) && MathBN.gt(uncovered(c), 0))
  if (!pc || maxMinor <= 0n) return null
  const waiting = uncovered(pc)
  const waitingMinor = toMinor(waiting, currency, { round: true })
  // What the invoice bills, so Medusa can capture exactly what Stripe
  // collects. When that covers what the collection waits for (Medusa keeps
  // sub-minor precision, so the same total may round one unit apart) the
  // payment also covers the collection's exact amount, so it completes; an
  // invoice billing more than Medusa's pending (lines moved both ways, or an
  // old invoice paid after a decrease) is still captured for what it billed.
  const billed = toMajorString(maxMinor, currency)
  const covers = maxMinor + 1n >= waitingMinor
  const amount = covers ? MathBN.max(waiting, billed).toFixed() : billed
  const session = await payments.createPaymentSession(pc.id, {
    provider_id: NET_TERMS_PROVIDER_ID,
    currency_code: currency,
    amount,
    // What the provider needs to capture it later (set server-side; the link step adds the Stripe id once issued).
    data: {
      order_id: invoice.order_id,
      hub_invoice_id: invoice.id,
      invoice_sequence: Number(invoice.sequence ?? 1),
      currency_code: currency,
      ...(invoice.stripe_invoice_id ? { stripe_invoice_id: invoice.stripe_invoice_id } : {}),
    },
  })
  const payment = await payments.authorizePaymentSession(session.id, {})
  if (!payment) return null
  return { session_id: session.id, payment_id: payment.id, amount_minor: toMinor(amount, currency, { round: true }) }
}
