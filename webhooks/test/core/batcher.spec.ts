import { createBatcher } from "../../core"

describe("createBatcher", () => {
  it("writes concurrent items in one call and answers each with its own result", async () => {
    const calls: number[][] = []
    const batcher = createBatcher(
      async (items: number[]) => {
        calls.push(items)
        return items.map((i) => i * 10)
      },
      { maxBatch: 100, flushIntervalMs: 5 }
    )
    await expect(Promise.all([1, 2, 3].map((i) => batcher.add(i)))).resolves.toEqual([10, 20, 30])
    expect(calls).toEqual([[1, 2, 3]])
  })

  it("flushes at maxBatch without waiting, and rejects every item of a failed write", async () => {
    const batcher = createBatcher(
      async (items: number[]) => {
        if (items.includes(13)) throw new Error("write failed")
        return items
      },
      { maxBatch: 2, flushIntervalMs: 60_000 }
    )
    await expect(Promise.all([batcher.add(1), batcher.add(2)])).resolves.toEqual([1, 2])
    const failed = [batcher.add(13), batcher.add(14)]
    await expect(failed[0]).rejects.toThrow("write failed")
    await expect(failed[1]).rejects.toThrow("write failed")
  })
})
