/** Line-item metadata keys the hub owns (kept on the order for invoicing/ERP). */
export const CONTRACT_META_KEYS = [
  "contract_id",
  "contract_rule_id",
  "contract_rule_type",
  "price_explanation",
  "medusa_unit_price",
] as const

/** The hub-owned line metadata of a contract-priced line (the keys of CONTRACT_META_KEYS; no Medusa price, no medusa_unit_price). */
export type ContractLineMetadata = Partial<Record<(typeof CONTRACT_META_KEYS)[number], string>>

/**
 * Metadata for an ITEM_UPDATE action, which Medusa MERGES into the line's
 * (mergeMetadata: a key set to "" is removed): every hub key is cleared,
 * then the new pricing's keys are set, so no stale explanation survives.
 */
export function contractMetadataPatch(metadata: ContractLineMetadata | null): Record<string, string> {
  const cleared = Object.fromEntries(CONTRACT_META_KEYS.map((key) => [key, ""]))
  return { ...cleared, ...(metadata ?? {}) }
}

/** A line's metadata without the hub's keys (the hub writes those, never the caller). */
export function withoutContractMetadata(meta: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const copy = { ...(meta ?? {}) }
  for (const key of CONTRACT_META_KEYS) delete copy[key]
  return copy
}
