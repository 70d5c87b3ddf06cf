import { Button, Text } from "@medusajs/ui"

type Props = {
  /** Cursors of the pages before this one (empty on the first page). */
  previous: string[]
  nextCursor: string | null
  shown: number
  onPrevious: () => void
  onNext: (cursor: string) => void
}

/**
 * Pagination for the delivery log, which pages by cursor (`next_cursor`)
 * rather than offset: no total, so it says which page this is instead.
 */
export const CursorPager = ({ previous, nextCursor, shown, onPrevious, onNext }: Props) => (
  <div className="flex items-center justify-between px-6 py-4">
    <Text size="small" className="text-ui-fg-subtle">
      {shown === 0 ? "No results" : `Page ${previous.length + 1}: ${shown} deliveries`}
    </Text>
    <div className="flex gap-2">
      <Button size="small" variant="secondary" disabled={previous.length === 0} onClick={onPrevious}>
        Previous
      </Button>
      <Button size="small" variant="secondary" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        Next
      </Button>
    </div>
  </div>
)
