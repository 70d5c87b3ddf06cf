import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A label/value row, as Medusa's detail pages list fields. */
export const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <Text size="small" leading="compact" className="break-all">
      {children}
    </Text>
  </div>
)
