import { Button, Text } from "@medusajs/ui"

type Props = { count: number; limit: number; offset: number; onChange: (offset: number) => void }

/** Offset pagination for Medusa-style list answers ({ count, limit, offset }). */
export const Pager = ({ count, limit, offset, onChange }: Props) => {
  const last = Math.min(offset + limit, count)
  return (
    <div className="flex items-center justify-between px-6 py-4">
      <Text size="small" className="text-ui-fg-subtle">
        {count === 0 ? "No results" : `${offset + 1}–${last} of ${count}`}
      </Text>
      <div className="flex gap-2">
        <Button
          size="small"
          variant="secondary"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          Previous
        </Button>
        <Button size="small" variant="secondary" disabled={last >= count} onClick={() => onChange(offset + limit)}>
          Next
        </Button>
      </div>
    </div>
  )
}
