import { Alert, Copy, Text } from "@medusajs/ui"

/**
 * A secret the API returned once (a pull client's or partner's credential, an
 * endpoint's signing secret). It lives only in the component's state: leaving
 * the page forgets it, and no list or detail route ever returns it again.
 */
export const SecretOnce = ({ label, value }: { label: string; value: string }) => (
  <Alert variant="warning" dismissible={false} data-testid="secret-once">
    <Text size="small" weight="plus">
      {label}: shown once, copy it now
    </Text>
    <div className="mt-2 flex items-center gap-2">
      <code className="break-all font-mono text-xs">{value}</code>
      <Copy content={value} />
    </div>
  </Alert>
)
