import { Button, toast } from "@medusajs/ui"
import { errorText, useAdminAction } from "../../lib/query"

/** POST /admin/erp/syncs/:id/retry: sends the order's latest state to that ERP again, now. */
export const RetrySyncButton = ({ syncId }: { syncId: string }) => {
  const retry = useAdminAction<void>("POST", `/admin/erp/syncs/${syncId}/retry`, ["/admin/erp"])
  return (
    <Button
      size="small"
      variant="secondary"
      isLoading={retry.isPending}
      onClick={() =>
        retry.mutate(undefined, {
          onSuccess: () => toast.success("Sync retried"),
          onError: (e) => toast.error(errorText(e)),
        })
      }
    >
      Retry
    </Button>
  )
}
