import type { JWK } from "jose"
import { publishedKeysCache } from "../published-keys"

const TIMING = { maxAgeMs: 60_000, unknownKidReloadMs: 5_000 }
const key = (kid: string): JWK => ({ kty: "EC", crv: "P-256", x: "x", y: "y", kid })

/** A load that answers only when told, so a test can act while a read is in flight. */
function heldLoad() {
  const pending: ((keys: JWK[]) => void)[] = []
  const load = jest.fn(() => new Promise<JWK[]>((resolve) => pending.push(resolve)))
  return { load, answer: (keys: JWK[]) => pending.shift()!(keys) }
}

describe("publishedKeysCache", () => {
  it("shares one read between every caller that finds the copy missing", async () => {
    const { load, answer } = heldLoad()
    const cache = publishedKeysCache(load, TIMING)
    const waiting = [cache.current(), cache.current(), cache.afterUnknownKid(), cache.current()]
    answer([key("k1")])
    const copies = await Promise.all(waiting)
    expect(load).toHaveBeenCalledTimes(1)
    expect(new Set(copies).size).toBe(1)
  })

  it("does not keep a read that started before forget(): it may predate the key just created", async () => {
    const { load, answer } = heldLoad()
    const cache = publishedKeysCache(load, TIMING)
    const stale = cache.current()
    cache.forget()
    const fresh = cache.current()
    answer([key("k1")])
    answer([key("k1"), key("k2")])
    await stale
    expect((await fresh).keys.map((k) => k.kid)).toEqual(["k1", "k2"])
    expect((await cache.current()).keys.map((k) => k.kid)).toEqual(["k1", "k2"])
    expect(load).toHaveBeenCalledTimes(2)
  })

  it("tries again after a failed read (the failure is not kept)", async () => {
    const load = jest
      .fn<Promise<JWK[]>, []>()
      .mockRejectedValueOnce(new Error("down"))
      .mockResolvedValue([key("k1")])
    const cache = publishedKeysCache(load, TIMING)
    await expect(cache.current()).rejects.toThrow("down")
    await expect(cache.current()).resolves.toMatchObject({ keys: [key("k1")] })
  })
})
