/**
 * Why an invoice record cannot be issued again, or null when a retry may run.
 * A void invoice stays void (an edit replaced it, or the order was canceled):
 * issuing it would bill the order twice. A sent one is done: its state now
 * comes from Stripe's webhooks. Progress, not status, says "sent": a webhook
 * can mark an invoice paid before the issuing run recorded its send.
 */
export function retryRefusal(
  invoice: { id: string; status: string; progress: string },
  replacedBy: string | null = null
): string | null {
  if (invoice.status === "void") {
    const by = replacedBy ? `; invoice ${replacedBy} replaces it` : ""
    return `Invoice ${invoice.id} is void${by}: a void invoice is never issued again`
  }
  if (invoice.progress === "sent")
    return `Invoice ${invoice.id} was already issued and sent (status ${invoice.status}): there is nothing to retry`
  return null
}
