import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { HubConfig } from "../../lib/config/env"
import { ContractCache, type ContractCacheStats } from "./contract-cache/contract-cache"
import { RedisSnapshotStore } from "./contract-cache/redis-store"
import { toContractRow, type ContractChain, type ResolvedContract } from "./contract-cache/snapshot"
import type { PriceRuleRecord } from "./lib/to-engine-rule"
import { Company } from "./models/company"
import { Contract } from "./models/contract"
import { CreditHold } from "./models/credit-hold"
import { Employee } from "./models/employee"
import { PriceRule } from "./models/price-rule"
import { ApprovalRequest, type ApprovalDecision } from "./models/approval-request"
import { ApprovalRule } from "./models/approval-rule"

type ContractRecord = {
  id: string
  currency_code: string
  valid_from: Date | string
  valid_to: Date | string | null
  status: string
  company_id?: string
}

/** Hierarchies deeper than this are refused: it also bounds the ancestor walk. */
const MAX_HIERARCHY_DEPTH = 32

/** The contract_price_rule columns pricing reads (see toEngineRule). */
const RULE_RECORD_COLUMNS = [
  "id",
  "type",
  "variant_id",
  "sku",
  "scope",
  "scope_id",
  "unit_price_minor",
  "tier_mode",
  "tiers",
  "discount_kind",
  "discount_value",
  "min_quantity",
  "increment",
] as const

/** The contract columns pricing and the buyer's views read (ContractRow). */
const CONTRACT_ROW_COLUMNS = [
  "id",
  "company_id",
  "reference",
  "currency_code",
  "valid_from",
  "valid_to",
  "payment_terms",
  "credit_limit_minor",
  "raw_credit_limit_minor",
  "status",
]

/**
 * What medusa-config.ts passes (src/lib/config/env.ts). Without `redisUrl`
 * (a bench's cold side, a bare module) contract resolution is not cached.
 */
export type B2bModuleOptions = Partial<Pick<HubConfig, "redisUrl" | "queuePrefix">>

type Logger = { info(message: string): void; warn(message: string): void }

/** A decision applied by decideApprovalRequest, guarded by the level it was made on. */
export type ApprovalDecisionInput = ApprovalDecision & { request_id: string; now: Date }

/** What a conditional status change found: the row after the change, or null when its guard did not hold. */
type ApprovalRow = { id: string; status: string; current_level: number; cart_id: string }

class B2bModuleService extends MedusaService({
  Company,
  Employee,
  Contract,
  PriceRule,
  CreditHold,
  ApprovalRule,
  ApprovalRequest,
}) {
  protected readonly contractCache_: ContractCache

  constructor(cradle: { logger?: Logger }, options: B2bModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.contractCache_ = new ContractCache({
      store: options.redisUrl ? new RedisSnapshotStore(options.redisUrl) : null,
      namespace: `${options.queuePrefix ?? "backy"}-b2b-pricing`,
      loaders: {
        loadChain: (companyId, currency) => this.loadContractChain(companyId, currency),
        loadRules: (contractId) => this.listRuleRecords(contractId),
      },
      logger: cradle.logger,
    })
  }

  __hooks = {
    onApplicationShutdown: async () => this.contractCache_.close(),
  }

  /**
   * Records a decision on the level that waits, in one conditional UPDATE:
   * it applies only if the request is still pending at `level` and not
   * expired, so of two racing decisions exactly one wins (the other gets
   * null and answers 409). Approving the last level approves the request;
   * a rejection at any level rejects it.
   */
  @InjectManager()
  async decideApprovalRequest(
    input: ApprovalDecisionInput,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<ApprovalRow | null> {
    const knex = sharedContext.manager!.getKnex()
    const { request_id, now, ...decision } = input
    const approve = decision.decision === "approved"
    const rows = await knex("approval_request")
      .where({ id: request_id, status: "pending", current_level: decision.level })
      .whereNull("deleted_at")
      .andWhere("expires_at", ">", now)
      .update({
        current_level: approve ? knex.raw("current_level + 1") : knex.raw("current_level"),
        status: approve
          ? knex.raw("case when current_level + 1 >= jsonb_array_length(levels) then 'approved' else 'pending' end")
          : "rejected",
        decided_at: approve
          ? knex.raw("case when current_level + 1 >= jsonb_array_length(levels) then ?::timestamptz else null end", [
              now,
            ])
          : now,
        credit_override: knex.raw("credit_override or ?", [approve && decision.approver === "merchant"]),
        decisions: knex.raw("decisions || ?::jsonb", [JSON.stringify([decision])]),
        updated_at: now,
      })
      .returning(["id", "status", "current_level", "cart_id"])
    return (rows[0] as ApprovalRow | undefined) ?? null
  }

  /**
   * Undoes a decision whose workflow failed after it (compensation): back to
   * pending at `level`, without that decision. Guarded by the state the
   * decision left (`status`, `current_level`) and no order linked, so it
   * never undoes a later decision or a placed order.
   */
  @InjectManager()
  async reopenApprovalRequest(
    input: { id: string; status: string; current_level: number; level: number },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    const knex = sharedContext.manager!.getKnex()
    await knex("approval_request")
      .where({ id: input.id, status: input.status, current_level: input.current_level })
      .whereNull("order_id")
      .update({
        status: "pending",
        current_level: input.level,
        decisions: knex.raw("decisions - -1"),
        credit_override: knex.raw(
          "coalesce((select bool_or(d->>'approver' = 'merchant' and d->>'decision' = 'approved') from jsonb_array_elements(decisions - -1) d), false)"
        ),
        decided_at: null,
        updated_at: new Date(),
      })
  }

  /**
   * Moves pending requests to `to`: `expired` for the listed ones whose time
   * ran out by `expired_by`, `canceled` for one request whose cart changed.
   * Conditional on `pending`, so a request is closed once.
   */
  @InjectManager()
  async closePendingApprovalRequests(
    filter: { ids: string[]; expired_by: Date } | { id: string },
    to: "expired" | "canceled",
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<ApprovalRow[]> {
    const knex = sharedContext.manager!.getKnex()
    const now = new Date()
    const query = knex("approval_request").where({ status: "pending" }).whereNull("deleted_at")
    if ("id" in filter) query.andWhere({ id: filter.id })
    else query.whereIn("id", filter.ids).andWhere("expires_at", "<=", filter.expired_by)
    const rows = await query
      .update({ status: to, decided_at: now, updated_at: now })
      .returning(["id", "status", "current_level", "cart_id"])
    return rows as ApprovalRow[]
  }

  /**
   * Ancestors of a company, nearest first (excluding the company itself).
   */
  async listAncestorIds(companyId: string): Promise<string[]> {
    const chain: string[] = []
    let current = await this.retrieveCompany(companyId, { select: ["id", "parent_company_id"] })
    while (current.parent_company_id) {
      if (chain.includes(current.parent_company_id) || chain.length >= MAX_HIERARCHY_DEPTH) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Company hierarchy of ${companyId} is cyclic or too deep`)
      }
      chain.push(current.parent_company_id)
      current = await this.retrieveCompany(current.parent_company_id, { select: ["id", "parent_company_id"] })
    }
    return chain
  }

  /**
   * Every company below `companyId` in the hierarchy (children, their
   * children…), nearest levels first, excluding the company itself. Bounded
   * by the same depth as the ancestor walk.
   */
  async listDescendantIds(companyId: string): Promise<string[]> {
    const found: string[] = []
    let level = [companyId]
    for (let depth = 0; level.length && depth < MAX_HIERARCHY_DEPTH; depth++) {
      const children = await this.listCompanies({ parent_company_id: level }, { select: ["id"] })
      level = children.map((c) => c.id).filter((id) => id !== companyId && !found.includes(id))
      found.push(...level)
    }
    return found
  }

  /** Refuses a parent that would make `companyId` its own ancestor. */
  async assertValidParent(companyId: string | null, parentId: string | null | undefined): Promise<void> {
    if (!parentId) return
    if (parentId === companyId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "parent_company_id: a company cannot be its own parent")
    }
    await this.retrieveCompany(parentId, { select: ["id"] }).catch(() => {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `parent_company_id: company ${parentId} does not exist`)
    })
    if (!companyId) return
    const ancestors = await this.listAncestorIds(parentId)
    if (ancestors.includes(companyId)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "parent_company_id: this parent would create a cycle")
    }
    if (ancestors.length + 1 >= MAX_HIERARCHY_DEPTH) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `parent_company_id: hierarchy deeper than ${MAX_HIERARCHY_DEPTH}`
      )
    }
  }

  /**
   * Refuses a contract whose validity overlaps another active contract of the
   * same company and currency (one active contract per company and currency).
   */
  async assertNoOverlap(contract: ContractRecord & { company_id: string }): Promise<void> {
    if (contract.status !== "active") return
    const others = (await this.listContracts(
      { company_id: contract.company_id, currency_code: contract.currency_code, status: "active" },
      { select: ["id", "valid_from", "valid_to", "currency_code", "status"] }
    )) as ContractRecord[]
    const start = new Date(contract.valid_from).getTime()
    const end = contract.valid_to ? new Date(contract.valid_to).getTime() : Infinity
    for (const other of others) {
      if (other.id === contract.id) continue
      const oStart = new Date(other.valid_from).getTime()
      const oEnd = other.valid_to ? new Date(other.valid_to).getTime() : Infinity
      if (start < oEnd && oStart < end) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `valid_from: overlaps active contract ${other.id} for ${contract.currency_code.toUpperCase()} of this company`
        )
      }
    }
  }

  /**
   * The contract that applies to a company at `at` in `currency`: its own
   * active one, else the nearest ancestor's, with its rules. Null when none
   * applies. Cached across requests and processes (contract-cache/): the
   * workflows that change contracts, rules or the hierarchy invalidate it
   * (invalidateContractPricing), and validity windows are checked against
   * `at` on every call.
   */
  async resolveActiveContract(
    companyId: string,
    currency: string,
    at: Date = new Date()
  ): Promise<ResolvedContract | null> {
    return await this.contractCache_.resolve(companyId, currency, at)
  }

  /** resolveActiveContract straight from Postgres, bypassing the cache (what it does on a miss). */
  async loadActiveContract(
    companyId: string,
    currency: string,
    at: Date = new Date()
  ): Promise<ResolvedContract | null> {
    return await this.contractCache_.load(companyId, currency, at)
  }

  /**
   * The company and its ancestors, nearest first, each with its active
   * contracts in `currency` whatever their validity window (ContractChain).
   */
  async loadContractChain(companyId: string, currency: string): Promise<ContractChain> {
    const companyIds = [companyId, ...(await this.listAncestorIds(companyId))]
    const contracts = await this.listContracts(
      { company_id: companyIds, currency_code: currency.toLowerCase(), status: "active" },
      { select: CONTRACT_ROW_COLUMNS, order: { valid_from: "ASC" } }
    )
    const rows = contracts.map((c) => toContractRow(c as Parameters<typeof toContractRow>[0]))
    return companyIds.map((id) => ({ company_id: id, contracts: rows.filter((c) => c.company_id === id) }))
  }

  /**
   * Tells contract pricing, after a change committed or was rolled back, that
   * these companies' contracts or place in the hierarchy changed (their
   * descendants inherit, so they are included) and these contracts' rules
   * changed. Throws when the cache cannot be told (see ContractCache.invalidate).
   */
  async invalidateContractPricing(target: { company_ids?: string[]; contract_ids?: string[] }): Promise<void> {
    const companyIds = [...(target.company_ids ?? [])]
    for (const id of target.company_ids ?? []) companyIds.push(...(await this.listDescendantIds(id)))
    await this.contractCache_.invalidate({ company_ids: companyIds, contract_ids: target.contract_ids })
  }

  /**
   * Forgets every cached contract, in Redis and in this process: after the
   * database changed outside the hub's workflows (a restore from a backup; the
   * HTTP test runner's reset between tests).
   */
  async forgetContractCache(): Promise<void> {
    await this.contractCache_.forgetAll()
  }

  /** Forgets this process's cached contracts, keeping Redis's: what a fresh process sees. For tests. */
  clearContractCacheMemory(): void {
    this.contractCache_.clearMemory()
  }

  /** Where this process's contract snapshots came from: memory, Redis, Postgres (counts since start). */
  contractCacheStats(): ContractCacheStats {
    return this.contractCache_.stats()
  }

  /**
   * A contract's live rules as plain rows for the pricing engine (toEngineRule).
   * Read with one SQL query rather than as entities: this runs on every cart
   * change, and hydrating then serializing a 1,000-rule contract through the
   * ORM costs ~100 ms against ~5 ms for the rows (bench/pricing).
   */
  @InjectManager()
  async listRuleRecords(
    contractId: string,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<PriceRuleRecord[]> {
    const knex = sharedContext.manager!.getKnex()
    return await knex("contract_price_rule")
      .select(RULE_RECORD_COLUMNS)
      .where({ contract_id: contractId })
      .whereNull("deleted_at")
      .orderBy("id")
  }
}

export default B2bModuleService
