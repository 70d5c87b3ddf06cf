import { toEngineRule, type PriceRuleRecord } from "./to-engine-rule"
import { compileRules, type CompiledRuleSet } from "../pricing"
import type { CartLineInput } from "../pricing/types"

/**
 * What contract pricing needs to know about a variant, whoever asks (the cart
 * hooks, the store price quote): its catalogue position and Medusa's own
 * price for this buyer, the base a discount applies to and what a line falls
 * back to when no rule prices it.
 */
export type VariantPricingFacts = Omit<CartLineInput, "quantity">

/** A cart line for the engine. */
export function toCartLine(facts: VariantPricingFacts, quantity: number): CartLineInput {
  return { ...facts, quantity }
}

/**
 * Compilations of frozen rule sets, the contract cache's (contract-cache.ts):
 * a frozen array cannot change, so its compilation is done once per process
 * and cached snapshot, and goes with the snapshot.
 */
const compiledFrozen = new WeakMap<readonly PriceRuleRecord[], CompiledRuleSet>()

/** A contract's rules compiled for pricing; no contract compiles to "no rules" (Medusa prices). */
export function compileContractRules(contract: { rules?: readonly PriceRuleRecord[] | null } | null): CompiledRuleSet {
  const rules = contract?.rules ?? []
  const kept = compiledFrozen.get(rules)
  if (kept) return kept
  const compiled = compileRules(rules.map(toEngineRule))
  if (Object.isFrozen(rules)) compiledFrozen.set(rules, compiled)
  return compiled
}
