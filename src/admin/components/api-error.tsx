import { Alert } from "@medusajs/ui"
import { errorText } from "../lib/query"

/** Shows what the API said when a call failed; renders nothing otherwise. */
export const ApiError = ({ error }: { error: unknown }) =>
  error ? (
    <Alert variant="error" dismissible={false} data-testid="api-error">
      {errorText(error)}
    </Alert>
  ) : null
