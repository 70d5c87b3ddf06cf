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

/** A contract's rules compiled for pricing; no contract compiles to "no rules" (Medusa prices). */
export function compileContractRules(contract: { rules?: PriceRuleRecord[] | null } | null): CompiledRuleSet {
  return compileRules((contract?.rules ?? []).map(toEngineRule))
}
