import { Button, toast } from "@medusajs/ui"
import { errorText, useAdminAction } from "../../lib/query"
import type { AdminErpConnection } from "./types"

/** Disables a connection (its syncs wait, retries are refused) or enables it again. */
export const ConnectionEnabledToggle = ({ connection }: { connection: AdminErpConnection }) => {
  const update = useAdminAction<{ enabled: boolean }>("POST", `/admin/erp/connections/${connection.id}`, ["/admin/erp"])
  const next = !connection.enabled
  return (
    <Button
      size="small"
      variant={next ? "secondary" : "danger"}
      isLoading={update.isPending}
      onClick={() =>
        update.mutate(
          { enabled: next },
          {
            onSuccess: () => toast.success(next ? `${connection.name} enabled` : `${connection.name} disabled`),
            onError: (e) => toast.error(errorText(e)),
          }
        )
      }
    >
      {next ? "Enable" : "Disable"}
    </Button>
  )
}
