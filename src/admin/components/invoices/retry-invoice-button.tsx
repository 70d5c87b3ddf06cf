import { Button, toast } from "@medusajs/ui"
import { errorText, useAdminAction } from "../../lib/query"

/**
 * POST /admin/invoices/:id/retry: runs issuing again for an invoice that did
 * not reach Stripe. A refusal (409) or Stripe's error (502) is shown as the
 * API words it.
 */
export const RetryInvoiceButton = ({ invoiceId }: { invoiceId: string }) => {
  const retry = useAdminAction<void>("POST", `/admin/invoices/${invoiceId}/retry`, ["/admin/invoices"])
  return (
    <Button
      size="small"
      variant="secondary"
      isLoading={retry.isPending}
      onClick={() =>
        retry.mutate(undefined, {
          onSuccess: () => toast.success("Invoice issued"),
          onError: (e) => toast.error(errorText(e)),
        })
      }
    >
      Retry issuing
    </Button>
  )
}
