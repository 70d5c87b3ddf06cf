import type Stripe from "stripe"
import { AbstractPaymentProvider, MedusaError, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
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
import { fromStripeAmount, toMajorString, toMinor } from "../../../lib/money"
import { NET_TERMS_IDENTIFIER } from "./constants"
import { creditUnits } from "../../invoicing/lib/credit-units"
import { noteSplit, refundMemo } from "../../invoicing/lib/credit-memo"
import { planRefundCredit } from "../../invoicing/lib/refund-credit"
import { RETURNS_COVERED_METADATA_KEY } from "../../invoicing/lib/return-credit"
import { creditAppliedByStripe, paidOnInvoice } from "../../invoicing/lib/stripe-state"

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
  /** Our invoice record this payment settles (an order can have several invoices after changes). */
  hub_invoice_id?: string
  /** That invoice's sequence: the version of its pay-out-of-band key (default 1). */
  invoice_sequence?: number
}

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
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "net-terms provider: option apiKey (STRIPE_API_KEY) is required"
      )
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
        // Per invoice: a reissued or supplementary invoice of the same order is paid under its own key.
        { idempotencyKey: stripeKeys.invoicePayOutOfBand(payment.order_id, Number(payment.invoice_sequence ?? 1)) }
      )
    } else if (invoice.status !== "paid") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `net-terms: invoice ${invoice.id} is ${invoice.status}, not payable`
      )
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
   * the part of the refund that the invoice has not been credited with yet
   * (planRefundCredit): Σ refunds (kept in the payment's data) and Σ credits
   * (Stripe's pre- plus post-payment credit note amounts, plus the returned
   * goods earlier refunds covered, which the hub keeps on the invoice's
   * metadata) are two running totals, and a refund only brings the credits
   * up to the refunds. So the refund Medusa asks for after a return credits
   * nothing again (the return's note credited the goods), and a refund made
   * before the return is an amount-only note the return's note then draws
   * on (creditReturnWorkflow): the buyer is credited once in either order. The note's memo says which
   * refund it is and what happened to the money: before payment it reduces
   * the amount due, after payment it was refunded outside Stripe
   * (`out_of_band_amount`). Stripe's write cannot be compensated; it is made
   * idempotent instead (key cn:<order>:refund:<Medusa refund id>:v1), and a
   * note whose answer was lost is found by its reason key, or else counts in
   * the invoice's credited total on the next attempt, so a retried refund
   * never credits twice.
   */
  async refundPayment({ amount, data, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const payment = (data ?? {}) as NetTermsPaymentData
    if (!payment.stripe_invoice_id || !payment.order_id || !payment.currency_code) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "net-terms: nothing to refund before the invoice is issued")
    }
    const currency = payment.currency_code
    const minor = toMinor(majorAmount(amount), currency, { round: true })
    const after: NetTermsPaymentData = {
      ...payment,
      refunded_minor: (BigInt(payment.refunded_minor ?? "0") + minor).toString(),
    }
    // Medusa's refund id: the same refund retried keeps its key and reason.
    const refundRef = context?.idempotency_key ?? toMajorString(minor, currency)
    const reasonKey = `${payment.order_id}:refund:${refundRef}`
    const invoice = await this.stripe_.invoices.retrieve(payment.stripe_invoice_id)
    if (await this.findCreditNote_(invoice.id!, reasonKey)) return { data: after }

    const units = creditUnits(currency)
    const fromStripe = (value: number | null | undefined) => units.toIso(units.fromStripe(BigInt(value ?? 0)))
    const plan = planRefundCredit({
      refund_minor: minor,
      refunded_before_minor: BigInt(payment.refunded_minor ?? "0"),
      credited_minor:
        fromStripe(invoice.pre_payment_credit_notes_amount) + fromStripe(invoice.post_payment_credit_notes_amount),
      covered_minor: BigInt(invoice.metadata?.[RETURNS_COVERED_METADATA_KEY] || "0"),
      invoice_total_minor: fromStripe(invoice.total),
      units,
    })
    if (plan.credit_minor <= 0n) {
      this.logger_?.info(
        `net-terms: refund ${refundRef} of ${toMajorString(minor, currency)} on order ${payment.order_id} is covered by credit notes already on invoice ${invoice.id}`
      )
      return { data: after }
    }
    const stripeAmount = units.toStripe(units.toUnits(plan.credit_minor))
    const split = noteSplit(stripeAmount, invoice)
    await this.stripe_.creditNotes.create(
      {
        invoice: invoice.id!,
        amount: Number(stripeAmount),
        reason: "order_change",
        // The paid part went back to the buyer outside Stripe (Medusa records the refund).
        ...(split.post_payment > 0n ? { out_of_band_amount: Number(split.post_payment) } : {}),
        memo: refundMemo({
          refund_ref: refundRef,
          currency,
          refund_minor: minor,
          covered_minor: plan.covered_minor,
          unsent_minor: plan.unsent_minor,
          split,
          units,
        }),
        metadata: {
          medusa_order_id: payment.order_id,
          reason_key: reasonKey,
          medusa_refund_id: context?.idempotency_key ?? "",
          medusa_refund_minor: minor.toString(),
        },
      },
      { idempotencyKey: stripeKeys.creditNote(reasonKey) }
    )
    return { data: after }
  }

  /** The invoice's note with this reason key, if an earlier attempt created it. */
  private async findCreditNote_(stripeInvoiceId: string, reasonKey: string): Promise<Stripe.CreditNote | undefined> {
    for await (const note of this.stripe_.creditNotes.list({ invoice: stripeInvoiceId, limit: 100 })) {
      if (note.metadata?.reason_key === reasonKey) return note
    }
    return undefined
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
    // Stripe's units → ISO; never more than the invoice may settle: a reissued
    // or supplementary invoice states its cap (what it bills, at most its
    // payment), the order's own invoice the order's total (Stripe may have
    // rounded the invoice up to its precision).
    // Paid (in or out of Stripe), plus the account credit Stripe applied at finalization.
    const paid = fromStripeAmount(BigInt(paidOnInvoice(invoice) + creditAppliedByStripe(invoice)), currency)
    const cap = invoice.metadata?.medusa_capture_max_minor || invoice.metadata?.medusa_order_total_minor
    const amount = toMajorString(cap && BigInt(cap) < paid ? BigInt(cap) : paid, currency)
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
