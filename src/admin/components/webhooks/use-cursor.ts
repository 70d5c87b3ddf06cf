import { useState } from "react"

/** The cursor stack behind CursorPager: the current cursor and the way back. */
export function useCursor() {
  const [stack, setStack] = useState<string[]>([])
  const [cursor, setCursor] = useState<string | undefined>(undefined)
  return {
    cursor,
    previous: stack,
    next(to: string) {
      setStack((s) => [...s, cursor ?? ""])
      setCursor(to)
    },
    back() {
      const last = stack[stack.length - 1]
      setStack((s) => s.slice(0, -1))
      setCursor(last || undefined)
    },
    reset() {
      setStack([])
      setCursor(undefined)
    },
  }
}
