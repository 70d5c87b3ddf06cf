import { Button, toast } from "@medusajs/ui"
import { errorText, useAdminAction } from "../../lib/query"
import type { ReconcileReport } from "./types"

type Props = {
  /** Only these invoices; all that need a look when absent. */
  invoiceIds?: string[]
  onDone: (report: ReconcileReport) => void
}

/** POST /admin/invoices/reconcile: compares with Stripe now and repairs what is safe. */
export const ReconcileButton = ({ invoiceIds, onDone }: Props) => {
  const reconcile = useAdminAction<{ invoice_ids?: string[] }, { report: ReconcileReport }>(
    "POST",
    "/admin/invoices/reconcile",
    ["/admin/invoices"]
  )
  const run = () =>
    reconcile.mutate(invoiceIds ? { invoice_ids: invoiceIds } : {}, {
      onSuccess: ({ report }) => {
        toast.success("Reconciled with Stripe")
        onDone(report)
      },
      onError: (e) => toast.error(errorText(e)),
    })
  return (
    <Button size="small" variant="secondary" isLoading={reconcile.isPending} onClick={run}>
      Reconcile
    </Button>
  )
}
