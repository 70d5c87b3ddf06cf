import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { PriceRuleRecord } from "./lib/to-engine-rule"
import { Company } from "./models/company"
import { Contract } from "./models/contract"
import { CreditHold } from "./models/credit-hold"
import { Employee } from "./models/employee"
import { PriceRule } from "./models/price-rule"

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

class B2bModuleService extends MedusaService({ Company, Employee, Contract, PriceRule, CreditHold }) {
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
   * applies.
   */
  async resolveActiveContract(companyId: string, currency: string, at: Date = new Date()) {
    const candidates = [companyId, ...(await this.listAncestorIds(companyId))]
    for (const id of candidates) {
      const contracts = await this.listContracts({
        company_id: id,
        currency_code: currency.toLowerCase(),
        status: "active",
      })
      const active = contracts.find((c) => {
        const from = new Date(c.valid_from).getTime()
        const to = c.valid_to ? new Date(c.valid_to).getTime() : Infinity
        return from <= at.getTime() && at.getTime() < to
      })
      if (active) return { contract: { ...active, rules: await this.listRuleRecords(active.id) }, owner_company_id: id }
    }
    return null
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
