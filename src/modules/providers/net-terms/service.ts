import type Stripe from "stripe"
import {
  AbstractPaymentProvider,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { createStripeClient } from "../../../lib/stripe/client"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import { toMajorString, toMinor } from "../../../lib/money"
import { NET_TERMS_IDENTIFIER } from "./constants"

export type NetTermsOptions = {
  apiKey: string
  webhookSecret: string
  apiBase?: string
}

/** What the provider keeps in the Medusa payment's `data`. */
export type NetTermsPaymentData = {
  session_id?: string
  order_id?: string
  stripe_invoice_id?: string
  currency_code?: string
  /** Σ of Medusa refunds handled so far, in minor units (a decimal string). */
  refunded_minor?: string
}

const minBigInt = (a: bigint, b: bigint) => (a < b ? a : b)

/**
 * The raw body as it reaches the subscriber: a Buffer in process, or its JSON
 * form ({ type: "Buffer", data }) after a trip through the Redis event bus.
 */
function rawBody(raw: unknown): string | Buffer {
  if (typeof raw === "string" || Buffer.isBuffer(raw)) return raw
  const json = raw as { type?: string; data?: number[] } | undefined
  if (json?.type === "Buffer" && Array.isArray(json.data)) return Buffer.from(json.data)
  throw new MedusaError(MedusaError.Types.INVALID_DATA, "net-terms: webhook payload has no raw body")
}

/**
 * Medusa passes amounts as numbers, numeric strings, BigNumber instances or
 * their raw form ({ value: "12.5", precision: 20 }, e.g. a refund's raw_amount).
 */
function majorAmount(amount: unknown): string {
  if (amount !== null && typeof amount === "object") {
    const a = amount as { value?: unknown; numeric?: unknown; toJSON?: () => unknown }
    return majorAmount(a.value ?? a.numeric ?? a.toJSON?.())
  }
  return String(amount)
}

/**
 * Net-terms payment: the buyer is not charged at checkout. Authorization means
 * "credit approved" (the credit check runs in the complete-cart hook, which can
 * see the company's contract and open invoices); the Stripe invoice is issued
 * after the order is placed (issue-invoice workflow); capture means the invoice
 * was paid, by Stripe (invoice.paid) or out of band (admin capture).
 */
class NetTermsProviderService extends AbstractPaymentProvider<NetTermsOptions> {
  static override identifier = NET_TERMS_IDENTIFIER

  static override validateOptions(options: Record<string, unknown>): void {
    if (!options.apiKey) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "net-terms provider: option apiKey (STRIPE_API_KEY) is required")
    }
    if (!options.webhookSecret) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "net-terms provider: option webhookSecret (STRIPE_WEBHOOK_SECRET) is required"
      )
    }
  }

  protected readonly options_: NetTermsOptions
  protected readonly stripe_: Stripe
  protected readonly logger_?: Logger

  constructor(cradle: Record<string, unknown>, options: NetTermsOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(cradle, options)
    this.options_ = options
    this.stripe_ = createStripeClient({ apiKey: options.apiKey, apiBase: options.apiBase })
    this.logger_ = cradle.logger as Logger | undefined
  }

  /**
   * `data` comes from the storefront here: nothing in it is trusted. The
   * invoice reference reaches a payment only from the hub itself (the
   * issue-invoice workflow, or updatePaymentSession when settling).
   */
  async initiatePayment({ currency_code, data }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = (data?.session_id as string | undefined) ?? ""
    return {
      id: `nt_${sessionId}`,
      status: PaymentSessionStatus.PENDING,
      data: { session_id: sessionId, currency_code } satisfies NetTermsPaymentData,
    }
  }

  async updatePayment({ data, currency_code }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { status: PaymentSessionStatus.PENDING, data: { ...data, currency_code } }
  }

  async authorizePayment({ data }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return { status: PaymentSessionStatus.AUTHORIZED, data }
  }

  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const invoiceId = (data as NetTermsPaymentData | undefined)?.stripe_invoice_id
    if (!invoiceId) return { status: PaymentSessionStatus.AUTHORIZED, data }
    const invoice = await this.stripe_.invoices.retrieve(invoiceId)
    const status =
      invoice.status === "paid"
        ? PaymentSessionStatus.CAPTURED
        : invoice.status === "void"
          ? PaymentSessionStatus.CANCELED
          : PaymentSessionStatus.AUTHORIZED
    return { status, data }
  }

  /**
   * The invoice was paid. When Stripe already says paid (invoice.paid webhook)
   * this is a no-op; otherwise the admin recorded a wire or cheque, so the
   * invoice is marked paid out of band.
   */
  async capturePayment({ data }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const payment = (data ?? {}) as NetTermsPaymentData
    if (!payment.stripe_invoice_id || !payment.order_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "net-terms: the invoice for this payment is not issued yet")
    }
    const invoice = await this.stripe_.invoices.retrieve(payment.stripe_invoice_id)
    if (invoice.status === "open" || invoice.status === "uncollectible") {
      await this.stripe_.invoices.pay(
        invoice.id!,
        { paid_out_of_band: true },
        { idempotencyKey: stripeKeys.invoicePayOutOfBand(payment.order_id) }
      )
    } else if (invoice.status !== "paid") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `net-terms: invoice ${invoice.id} is ${invoice.status}, not payable`)
    }
    return { data: { ...payment } }
  }

  /**
   * Releases the authorization (the credit) without touching Stripe. Medusa
   * cancels a payment for more than order cancellation: receiving a return on
   * an unpaid order cancels the authorization and opens a new payment
   * collection for the new amount. The invoice must survive that (the return
   * is a credit note on it), so voiding belongs to the hub's order.canceled
   * handling (voidOrderInvoiceWorkflow, key inv:<order>:void:v1).
   */
  async cancelPayment({ data }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return await this.cancelPayment(input)
  }

  /**
   * A refund of a net-terms order is a Stripe credit note on its invoice, for
   * the part of the refund that the invoice has not been credited with yet.
   * Medusa asks for a refund after a received return (the order then shows
   * money owed back), but the return already credited those goods
   * (creditReturnWorkflow): crediting the refund in full would pay the buyer
   * twice. So refunds and credits are kept as two running totals: Σ refunds
   * (kept in the payment's data) may never exceed Σ credit notes on the
   * invoice (Stripe's pre- plus post-payment credit note amounts), and each
   * refund credits only the difference. A note whose answer was lost
   * counts on the next attempt, so a retried refund never credits twice.
   */
  async refundPayment({ amount, data, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const payment = (data ?? {}) as NetTermsPaymentData
    if (!payment.stripe_invoice_id || !payment.order_id || !payment.currency_code) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "net-terms: nothing to refund before the invoice is issued")
    }
    const minor = toMinor(majorAmount(amount), payment.currency_code, { round: true })
    const invoice = await this.stripe_.invoices.retrieve(payment.stripe_invoice_id)
    const refunded = BigInt(payment.refunded_minor ?? "0") + minor
    const credited = BigInt(invoice.pre_payment_credit_notes_amount ?? 0) + BigInt(invoice.post_payment_credit_notes_amount ?? 0)
    const toCredit = minBigInt(minor, refunded - credited)
    const after: NetTermsPaymentData = { ...payment, refunded_minor: refunded.toString() }
    if (toCredit <= 0n) {
      this.logger_?.info(`net-terms: refund of ${toMajorString(minor, payment.currency_code)} on order ${payment.order_id} is covered by credit notes already on invoice ${invoice.id}`)
      return { data: after }
    }
    const reasonKey = `${payment.order_id}:refund:${context?.idempotency_key ?? toMajorString(minor, payment.currency_code)}`
    const paid = invoice.status === "paid"
    const covered = minor - toCredit
    await this.stripe_.creditNotes.create(
      {
        invoice: invoice.id!,
        amount: Number(toCredit),
        reason: "order_change",
        ...(paid ? { out_of_band_amount: Number(toCredit) } : {}),
        ...(covered > 0n
          ? { memo: `Refund of ${toMajorString(minor, payment.currency_code)}; ${toMajorString(covered, payment.currency_code)} of it was already credited on this invoice` }
          : {}),
        metadata: { medusa_order_id: payment.order_id, reason_key: reasonKey, medusa_refund_minor: minor.toString() },
      },
      { idempotencyKey: stripeKeys.creditNote(reasonKey) }
    )
    return { data: after }
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data }
  }

  /**
   * Maps Stripe invoice events to Medusa payment actions. Signatures were
   * already verified on the raw body by the route middleware; verifying again
   * here keeps the provider safe when called from elsewhere.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const signature = payload.headers["stripe-signature"] as string | undefined
    const event = this.stripe_.webhooks.constructEvent(
      rawBody(payload.rawData),
      signature ?? "",
      this.options_.webhookSecret
    )
    if (!event.type.startsWith("invoice.")) return { action: PaymentActions.NOT_SUPPORTED }
    const invoice = event.data.object as Stripe.Invoice
    const sessionId = invoice.metadata?.medusa_payment_session_id
    if (!sessionId) return { action: PaymentActions.NOT_SUPPORTED }
    const currency = invoice.currency
    const amount = toMajorString(BigInt(invoice.amount_paid ?? 0), currency)
    switch (event.type) {
      case "invoice.paid":
        return { action: PaymentActions.SUCCESSFUL, data: { session_id: sessionId, amount } }
      default:
        // voided, payment_failed, uncollectible... are mirrored by the hub's
        // own invoice-sync workflow; the Medusa payment is left as it is.
        return { action: PaymentActions.NOT_SUPPORTED }
    }
  }
}

export default NetTermsProviderService
