import { Button, Text } from "@medusajs/ui"
import { useAdminAction } from "../../lib/query"
import { ApiError } from "../api-error"
import type { ConnectionTestResult } from "./types"

/** Tests a connection (one cheap authenticated call to the ERP) and shows the ERP's answer. */
export const ConnectionTest = ({ connectionId }: { connectionId: string }) => {
  const test = useAdminAction<void, ConnectionTestResult>("POST", `/admin/erp/connections/${connectionId}/test`, [])
  const result = test.data
  return (
    <div className="flex flex-col items-start gap-1">
      <Button size="small" variant="secondary" isLoading={test.isPending} onClick={() => test.mutate(undefined)}>
        Test
      </Button>
      {result ? (
        <Text
          size="xsmall"
          data-testid="connection-test-result"
          className={result.ok ? "text-ui-fg-subtle" : "text-ui-fg-error"}
        >
          {result.ok
            ? `Reachable: answered in ${result.latency_ms} ms, breaker ${result.breaker}`
            : `Not reachable: ${result.error?.code ?? "error"} ${result.error?.message ?? ""} (breaker ${result.breaker})`}
        </Text>
      ) : null}
      <ApiError error={test.error} />
    </div>
  )
}
