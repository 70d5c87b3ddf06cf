import { compileContractRules } from "../../lib/contract-pricing"
import type { PriceRuleRecord } from "../../lib/to-engine-rule"
import { ContractCache, type ContractCacheLoaders } from "../contract-cache"
import { newVersion, type SnapshotStore } from "../redis-store"
import { decodeChain, encodeChain, toContractRow, type ContractChain } from "../snapshot"

const DAY = 86_400_000
const NOW = new Date("2026-06-01T12:00:00Z")

/** Redis as a Map; `down` makes every call fail as an unreachable Redis does. */
class MemoryStore implements SnapshotStore {
  readonly data = new Map<string, string>()
  down = false
  calls = 0

  async versions(keys: string[]) {
    this.check()
    return keys.map((key) => {
      if (!this.data.has(key)) this.data.set(key, newVersion())
      return this.data.get(key)!
    })
  }
  async bump(keys: string[]) {
    this.check()
    for (const key of keys) this.data.set(key, newVersion())
  }
  async get(key: string) {
    this.check()
    return this.data.get(key) ?? null
  }
  async set(key: string, value: string) {
    this.check()
    this.data.set(key, value)
  }
  async deleteUnder(prefix: string) {
    this.check()
    for (const key of [...this.data.keys()]) if (key.startsWith(prefix)) this.data.delete(key)
  }
  close() {}
  private check() {
    this.calls++
    if (this.down) throw new Error("connect ECONNREFUSED 127.0.0.1:6379")
  }
}

const rule = (id: string, unit_price_minor: string): PriceRuleRecord => ({
  id,
  type: "fixed_price",
  variant_id: "variant_kit",
  sku: null,
  scope: null,
  scope_id: null,
  unit_price_minor,
  tier_mode: null,
  tiers: null,
  discount_kind: null,
  discount_value: null,
  min_quantity: null,
  increment: null,
})

const contract = (id: string, company_id: string, from: number, to: number | null) =>
  toContractRow({
    id,
    company_id,
    currency_code: "usd",
    valid_from: new Date(NOW.getTime() + from * DAY),
    valid_to: to === null ? null : new Date(NOW.getTime() + to * DAY),
    payment_terms: "net_30",
    credit_limit_minor: 500000,
    raw_credit_limit_minor: { value: "90071992547409930", precision: 20 },
    status: "active",
  })

/** "Postgres": a child company under a parent, the parent's contract, rules per contract; counts the loads. */
function fakeDatabase() {
  const db = {
    chains: new Map<string, ContractChain>([
      ["comp_parent", [{ company_id: "comp_parent", contracts: [contract("ctr_parent", "comp_parent", -30, null)] }]],
      [
        "comp_child",
        [
          { company_id: "comp_child", contracts: [] },
          { company_id: "comp_parent", contracts: [contract("ctr_parent", "comp_parent", -30, null)] },
        ],
      ],
    ]),
    rules: new Map<string, PriceRuleRecord[]>([["ctr_parent", [rule("cpr_1", "1000")]]]),
    loads: { chain: 0, rules: 0 },
  }
  const loaders: ContractCacheLoaders = {
    loadChain: async (companyId) => {
      db.loads.chain++
      const chain = db.chains.get(companyId)
      if (!chain) throw new Error(`Company with id: ${companyId} was not found`)
      return structuredClone(chain)
    },
    loadRules: async (contractId) => {
      db.loads.rules++
      return structuredClone(db.rules.get(contractId) ?? [])
    },
  }
  return { db, loaders }
}

function setup(options: { store?: MemoryStore | null; now?: () => number } = {}) {
  const { db, loaders } = fakeDatabase()
  const store = options.store === undefined ? new MemoryStore() : options.store
  const warnings: string[] = []
  const logger = { info: () => undefined, warn: (m: string) => void warnings.push(m) }
  const make = () => new ContractCache({ store, namespace: "test-b2b-pricing", loaders, logger, now: options.now })
  return { db, store, warnings, cache: make(), make }
}

describe("ContractCache", () => {
  it("serves a warm resolution from memory without reading Postgres, the same compiled rules each time", async () => {
    const { db, cache } = setup()
    const first = await cache.resolve("comp_child", "USD", NOW)
    expect(first).toMatchObject({ owner_company_id: "comp_parent", contract: { id: "ctr_parent" } })
    expect(db.loads).toEqual({ chain: 1, rules: 1 })

    const second = await cache.resolve("comp_child", "usd", NOW)
    expect(db.loads).toEqual({ chain: 1, rules: 1 })
    expect(second!.contract.rules).toBe(first!.contract.rules)
    expect(compileContractRules(second!.contract)).toBe(compileContractRules(first!.contract))
  })

  it("lets another process start from Redis: no Postgres read for what one process loaded", async () => {
    const { db, cache, make } = setup()
    const one = await cache.resolve("comp_child", "usd", NOW)
    const other = make()
    const two = await other.resolve("comp_child", "usd", NOW)
    expect(db.loads).toEqual({ chain: 1, rules: 1 })
    expect(two).toEqual(one)
    expect(two!.contract.valid_from).toEqual(new Date(NOW.getTime() - 30 * DAY))
  })

  it("keeps money exact through Redis: the credit limit beyond 2^53 and the rule prices as digit strings", async () => {
    const { cache, make } = setup()
    await cache.resolve("comp_child", "usd", NOW)
    const fromRedis = await make().resolve("comp_child", "usd", NOW)
    expect(fromRedis!.contract.credit_limit_minor).toBe("90071992547409930")
    expect(fromRedis!.contract.rules[0]!.unit_price_minor).toBe("1000")
  })

  it("answers with the change once its invalidation returned, in this process and in another", async () => {
    const { db, cache, make } = setup()
    const other = make()
    await cache.resolve("comp_child", "usd", NOW)
    await other.resolve("comp_child", "usd", NOW)

    db.rules.set("ctr_parent", [rule("cpr_1", "900")])
    await cache.invalidate({ contract_ids: ["ctr_parent"] })
    for (const process of [cache, other]) {
      const resolved = await process.resolve("comp_child", "usd", NOW)
      expect(resolved!.contract.rules[0]!.unit_price_minor).toBe("900")
    }
    // One load after the change, shared through Redis.
    expect(db.loads.rules).toBe(2)
  })

  it("re-reads the chain after a company's invalidation (a new contract, a move), keeping the rules", async () => {
    const { db, cache } = setup()
    await cache.resolve("comp_child", "usd", NOW)
    db.chains.set("comp_child", [
      { company_id: "comp_child", contracts: [contract("ctr_child", "comp_child", -1, null)] },
      ...db.chains.get("comp_parent")!,
    ])
    db.rules.set("ctr_child", [rule("cpr_2", "700")])
    await cache.invalidate({ company_ids: ["comp_child"] })
    const resolved = await cache.resolve("comp_child", "usd", NOW)
    expect(resolved).toMatchObject({ owner_company_id: "comp_child", contract: { id: "ctr_child" } })
    expect(db.loads).toEqual({ chain: 2, rules: 2 })
  })

  it("decides validity at request time: a cached contract stops applying when it ends and one starts when due", async () => {
    const { db, cache } = setup()
    db.chains.set("comp_child", [
      { company_id: "comp_child", contracts: [contract("ctr_soon", "comp_child", 2, null)] },
      { company_id: "comp_parent", contracts: [contract("ctr_parent", "comp_parent", -30, 1)] },
    ])
    expect((await cache.resolve("comp_child", "usd", NOW))!.contract.id).toBe("ctr_parent")
    expect(await cache.resolve("comp_child", "usd", new Date(NOW.getTime() + 1.5 * DAY))).toBeNull()
    expect((await cache.resolve("comp_child", "usd", new Date(NOW.getTime() + 3 * DAY)))!.contract.id).toBe("ctr_soon")
    expect(db.loads.chain).toBe(1)
  })

  it("never serves a snapshot stored before the version was lost: a lost version comes back as a new one", async () => {
    const { db, store, cache, make } = setup()
    await cache.resolve("comp_child", "usd", NOW)
    db.rules.set("ctr_parent", [rule("cpr_1", "800")])
    // Redis evicted the version key, and its invalidation never happened.
    for (const key of [...store!.data.keys()]) if (key.includes(":version:contract:")) store!.data.delete(key)
    const resolved = await make().resolve("comp_child", "usd", NOW)
    expect(resolved!.contract.rules[0]!.unit_price_minor).toBe("800")
  })

  it("reads Postgres when Redis is down, warns once per outage, and uses Redis again after the pause", async () => {
    let now = 0
    const { db, store, cache, warnings } = setup({ now: () => now })
    store!.down = true
    for (let i = 0; i < 3; i++) expect((await cache.resolve("comp_child", "usd", NOW))!.contract.id).toBe("ctr_parent")
    expect(db.loads).toEqual({ chain: 3, rules: 3 })
    expect(warnings).toEqual([expect.stringContaining("Redis unavailable (connect ECONNREFUSED")])
    // Skipped meanwhile: one failed call, not one per request.
    expect(store!.calls).toBe(1)

    store!.down = false
    now += 5_000
    await cache.resolve("comp_child", "usd", NOW)
    await cache.resolve("comp_child", "usd", NOW)
    expect(db.loads).toEqual({ chain: 4, rules: 4 })
    expect(warnings).toHaveLength(1)
  })

  it("fails an invalidation Redis did not take, so the change's workflow fails instead of leaving stale snapshots", async () => {
    const { store, cache } = setup()
    store!.down = true
    await expect(cache.invalidate({ contract_ids: ["ctr_parent"] })).rejects.toThrow("ECONNREFUSED")
  })

  it("caches nothing without a store, and nothing for a company that does not exist", async () => {
    const { db, cache } = setup({ store: null })
    await cache.resolve("comp_child", "usd", NOW)
    await cache.resolve("comp_child", "usd", NOW)
    expect(db.loads).toEqual({ chain: 2, rules: 2 })

    const cached = setup()
    await expect(cached.cache.resolve("comp_gone", "usd", NOW)).rejects.toThrow("was not found")
    await expect(cached.cache.resolve("comp_gone", "usd", NOW)).rejects.toThrow("was not found")
    expect(cached.db.loads.chain).toBe(2)
  })

  it("loads a snapshot once for concurrent misses", async () => {
    const { db, cache } = setup()
    await Promise.all([1, 2, 3, 4].map(() => cache.resolve("comp_child", "usd", NOW)))
    expect(db.loads).toEqual({ chain: 1, rules: 1 })
  })

  it("hands out frozen rules, so a caller cannot change what the next request prices with", async () => {
    const { cache } = setup()
    const resolved = await cache.resolve("comp_child", "usd", NOW)
    expect(() => (resolved!.contract.rules as PriceRuleRecord[]).push(rule("cpr_x", "1"))).toThrow("not extensible")
  })
})

describe("chain snapshots", () => {
  it("come back from JSON with their dates as dates", () => {
    const chain: ContractChain = [{ company_id: "comp_a", contracts: [contract("ctr_a", "comp_a", -1, 5)] }]
    expect(decodeChain(encodeChain(chain))).toEqual(chain)
  })
})
