import { currentLogContext, withLogContext } from "../context"

describe("withLogContext", () => {
  it("carries its fields through awaits and timers, inner scopes adding to outer ones", async () => {
    const seen = await withLogContext({ request_id: "req_1" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return withLogContext({ order_id: "order_1", request_id: undefined }, async () => {
        await Promise.resolve()
        return { ...currentLogContext() }
      })
    })
    expect(seen).toEqual({ request_id: "req_1", order_id: "order_1" })
  })

  it("keeps concurrent flows apart and leaves nothing behind", async () => {
    const run = (id: string, delay: number) =>
      withLogContext({ delivery_id: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay))
        return currentLogContext().delivery_id
      })
    expect(await Promise.all([run("a", 5), run("b", 1)])).toEqual(["a", "b"])
    expect(currentLogContext()).toEqual({})
  })

  it("lets an inner scope override a field without changing the outer one", () => {
    withLogContext({ order_id: "outer" }, () => {
      withLogContext({ order_id: "inner" }, () => expect(currentLogContext().order_id).toBe("inner"))
      expect(currentLogContext().order_id).toBe("outer")
    })
  })
})
