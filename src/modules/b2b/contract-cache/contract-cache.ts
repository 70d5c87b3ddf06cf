import type { PriceRuleRecord } from "../lib/to-engine-rule"
import type { SnapshotStore } from "./redis-store"
import {
  activeContractIn,
  decodeChain,
  decodeRules,
  encodeChain,
  encodeRules,
  type ContractChain,
  type ResolvedContract,
} from "./snapshot"

/** How the cache reads the truth (Postgres) on a miss. */
export type ContractCacheLoaders = {
  /** The company's chain (throws when the company does not exist: nothing is cached then). */
  loadChain(companyId: string, currency: string): Promise<ContractChain>
  loadRules(contractId: string): Promise<PriceRuleRecord[]>
}

type Logger = { info(message: string): void; warn(message: string): void }

/** Where this process's snapshots came from since it started (chains and rule sets alike). */
export type ContractCacheStats = { memory: number; redis: number; postgres: number }

export type ContractCacheOptions = {
  /** Null: no cache, every resolution reads Postgres. */
  store: SnapshotStore | null
  /** Prefix of every key ("<HUB_QUEUE_PREFIX>-b2b-pricing"). */
  namespace: string
  loaders: ContractCacheLoaders
  logger?: Logger
  /** How long a snapshot stays in Redis after it was stored (a stale version's snapshot is never read again). */
  snapshotTtlSeconds?: number
  /** Snapshots kept in this process, per kind (chains, rule sets); the least recently used go first. */
  memoryEntries?: number
  /** After a Redis failure, how long pricing reads Postgres before it tries Redis again. */
  retryAfterMs?: number
  now?: () => number
}

const DEFAULT_TTL_SECONDS = 3_600
const DEFAULT_MEMORY_ENTRIES = 200
const DEFAULT_RETRY_AFTER_MS = 5_000

/**
 * Contract resolution (which contract applies to a company, with its rules)
 * cached across requests and processes.
 *
 * Versions: each company and each contract has a version in the store,
 * replaced by a fresh random value (`invalidate`) after every committed change
 * that affects it: a company's version covers its chain (its ancestors and
 * their active contracts), a contract's version its rules. A reader reads the
 * version *before* it loads from Postgres and stores what it loaded under
 * that version. So a snapshot stored under version v was loaded after v was
 * set; once a change's invalidation has replaced v, nobody reads under v
 * again, and whatever is read under the new version was loaded after the
 * change committed. A reader that raced the change may still answer with the
 * old data: it started before the change finished.
 *
 * Layers: this process's memory (snapshot per key and version, the rules
 * frozen so their compilation is kept with them, see compileContractRules),
 * then Redis (JSON), then Postgres. The version is read from Redis on every
 * resolution, so another process's change is seen at once. When Redis fails,
 * resolution reads Postgres (warned once per outage) and tries Redis again
 * after `retryAfterMs`; pricing never fails for the cache's sake.
 */
export class ContractCache {
  private readonly store: SnapshotStore | null
  private readonly namespace: string
  private readonly loaders: ContractCacheLoaders
  private readonly logger?: Logger
  private readonly ttlSeconds: number
  private readonly retryAfterMs: number
  private readonly now: () => number
  private readonly chains: BoundedMap<ContractChain>
  private readonly ruleSets: BoundedMap<readonly PriceRuleRecord[]>
  /** Loads under way, so concurrent misses of one snapshot read Postgres once. */
  private readonly loading = new Map<string, Promise<unknown>>()
  private unavailableUntil = 0
  private unavailable = false
  private readonly counts: ContractCacheStats = { memory: 0, redis: 0, postgres: 0 }

  constructor(options: ContractCacheOptions) {
    this.store = options.store
    this.namespace = options.namespace
    this.loaders = options.loaders
    this.logger = options.logger
    this.ttlSeconds = options.snapshotTtlSeconds ?? DEFAULT_TTL_SECONDS
    this.retryAfterMs = options.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS
    this.now = options.now ?? Date.now
    this.chains = new BoundedMap(options.memoryEntries ?? DEFAULT_MEMORY_ENTRIES)
    this.ruleSets = new BoundedMap(options.memoryEntries ?? DEFAULT_MEMORY_ENTRIES)
  }

  /** The contract that applies to the company at `at` in `currency`, own or nearest ancestor's; null when none. */
  async resolve(companyId: string, currency: string, at: Date): Promise<ResolvedContract | null> {
    const code = currency.toLowerCase()
    const store = this.availableStore()
    if (!store) return await this.load(companyId, code, at)
    const companyVersion = (await this.attempt(() => store.versions([this.companyKey(companyId)])))?.[0]
    if (companyVersion === undefined) return await this.load(companyId, code, at)

    const chain = await this.chain(store, companyId, code, companyVersion)
    const active = activeContractIn(chain, at)
    if (!active) return null
    const contractId = active.contract.id
    const contractVersion = (await this.attempt(() => store.versions([this.contractKey(contractId)])))?.[0]
    const rules =
      contractVersion === undefined
        ? await this.loadRules(contractId)
        : await this.rules(store, contractId, contractVersion)
    return { contract: { ...active.contract, rules }, owner_company_id: active.owner_company_id }
  }

  /** The same resolution straight from Postgres, caching nothing. */
  async load(companyId: string, currency: string, at: Date): Promise<ResolvedContract | null> {
    const active = activeContractIn(await this.loadChain(companyId, currency.toLowerCase()), at)
    if (!active) return null
    const rules = await this.loadRules(active.contract.id)
    return { contract: { ...active.contract, rules }, owner_company_id: active.owner_company_id }
  }

  /**
   * Call after a change committed (and after it was rolled back): the
   * companies whose chain changed (list every descendant too: they inherit)
   * and the contracts whose rules changed. Throws when the store cannot be
   * told, so the change's workflow fails rather than leave stale snapshots
   * to be read once Redis answers again.
   */
  async invalidate(target: { company_ids?: string[]; contract_ids?: string[] }): Promise<void> {
    if (!this.store) return
    const keys = [
      ...(target.company_ids ?? []).map((id) => this.companyKey(id)),
      ...(target.contract_ids ?? []).map((id) => this.contractKey(id)),
    ]
    await this.store.bump([...new Set(keys)])
  }

  /**
   * Forgets every version and snapshot, in Redis and here: for a database
   * changed outside the workflows (restored from a backup; a test's reset).
   * Other processes' memory follows, since their versions are read from Redis.
   */
  async forgetAll(): Promise<void> {
    this.clearMemory()
    await this.store?.deleteUnder(`${this.namespace}:`)
  }

  /** Forgets this process's snapshots: what another process starts from (Redis, then Postgres). */
  clearMemory(): void {
    this.chains.clear()
    this.ruleSets.clear()
  }

  stats(): ContractCacheStats {
    return { ...this.counts }
  }

  close(): void {
    this.store?.close()
  }

  private async loadChain(companyId: string, currency: string): Promise<ContractChain> {
    this.counts.postgres++
    return await this.loaders.loadChain(companyId, currency)
  }

  private async loadRules(contractId: string): Promise<PriceRuleRecord[]> {
    this.counts.postgres++
    return await this.loaders.loadRules(contractId)
  }

  private async chain(store: SnapshotStore, companyId: string, currency: string, version: string) {
    const key = `chain:${companyId}:${currency}:${version}`
    return await this.snapshot(this.chains, key, async () => {
      const stored = await this.attempt(() => store.get(this.storeKey(key)))
      if (stored) return this.fromRedis(decodeChain(stored))
      const chain = await this.loadChain(companyId, currency)
      if (stored === null) await this.attempt(() => store.set(this.storeKey(key), encodeChain(chain), this.ttlSeconds))
      return deepFreeze(chain)
    })
  }

  private async rules(store: SnapshotStore, contractId: string, version: string) {
    const key = `rules:${contractId}:${version}`
    return await this.snapshot(this.ruleSets, key, async () => {
      const stored = await this.attempt(() => store.get(this.storeKey(key)))
      if (stored) return this.fromRedis(decodeRules(stored))
      const rules = await this.loadRules(contractId)
      if (stored === null) await this.attempt(() => store.set(this.storeKey(key), encodeRules(rules), this.ttlSeconds))
      return deepFreeze(rules)
    })
  }

  /** From memory, else from `load` (once however many ask at the same time), kept in memory. */
  private async snapshot<T>(memory: BoundedMap<T>, key: string, load: () => Promise<T>): Promise<T> {
    const kept = memory.get(key)
    if (kept !== undefined) {
      this.counts.memory++
      return kept
    }
    const pending = this.loading.get(key) as Promise<T> | undefined
    if (pending) return await pending
    const loaded = load()
      .then((value) => {
        memory.set(key, value)
        return value
      })
      .finally(() => this.loading.delete(key))
    this.loading.set(key, loaded)
    return await loaded
  }

  private fromRedis<T>(snapshot: T): T {
    this.counts.redis++
    return deepFreeze(snapshot)
  }

  private availableStore(): SnapshotStore | null {
    if (!this.store || (this.unavailable && this.now() < this.unavailableUntil)) return null
    return this.store
  }

  /** A store call; undefined when it failed (then the store is skipped for `retryAfterMs`). */
  private async attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await call()
      if (this.unavailable) {
        this.unavailable = false
        this.logger?.info("contract pricing cache: Redis answers again")
      }
      return value
    } catch (e) {
      if (!this.unavailable) {
        this.logger?.warn(
          `contract pricing cache: Redis unavailable (${(e as Error).message}); pricing reads Postgres meanwhile`
        )
      }
      this.unavailable = true
      this.unavailableUntil = this.now() + this.retryAfterMs
      return undefined
    }
  }

  private companyKey(companyId: string): string {
    return `${this.namespace}:version:company:${companyId}`
  }

  private contractKey(contractId: string): string {
    return `${this.namespace}:version:contract:${contractId}`
  }

  private storeKey(snapshotKey: string): string {
    return `${this.namespace}:${snapshotKey}`
  }
}

/** A Map that forgets its least recently used entries beyond `capacity`. */
class BoundedMap<V> {
  private readonly entries = new Map<string, V>()

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key)
    if (value === undefined) return undefined
    this.entries.delete(key)
    this.entries.set(key, value)
    return value
  }

  set(key: string, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
  }

  clear(): void {
    this.entries.clear()
  }
}

/** Shared between requests, so nobody may change them (and their compilation stays theirs). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
