import { firstNulField } from "../nul-bytes"

describe("firstNulField names the first field holding a NUL byte", () => {
  it("writes the field like validateBody does", () => {
    expect(firstNulField({ name: "ok", lines: [{ sku: "A" }, { sku: "B\u0000" }] })).toBe("lines[1].sku")
    expect(firstNulField({ a: "x\u0000", b: "y\u0000" })).toBe("a")
    expect(firstNulField({ ["bad\u0000key"]: 1 })).toBe("bad\\u0000key")
  })

  it("names a string body or query by its root, and finds nothing in clean input", () => {
    expect(firstNulField("text\u0000", "body")).toBe("body")
    expect(firstNulField({ q: "ok", n: 1, list: [null, true] }, "query")).toBeUndefined()
    expect(firstNulField(undefined)).toBeUndefined()
  })

  it("walks a deeply nested body without overflowing the stack", () => {
    let deep: unknown = "\u0000"
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(firstNulField(deep)).toMatch(/^(\[0\]){100000}$/)
  })
})
