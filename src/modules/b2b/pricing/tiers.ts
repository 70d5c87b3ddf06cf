import type { PriceTier } from "./types"

/** Units of a graduated line that fall in one tier's band. */
export interface GraduatedBand {
  tier: PriceTier
  /** Last quantity of the band, or null for the open-ended top tier. */
  last_quantity: number | null
  units: number
}

/** Volume pricing: the highest tier whose min_quantity ≤ quantity. Tiers are sorted and start at 1. */
export function volumeTier(tiers: readonly PriceTier[], quantity: number): PriceTier {
  for (let i = tiers.length - 1; i > 0; i--) {
    if (tiers[i].min_quantity <= quantity) return tiers[i]
  }
  return tiers[0]
}

/** Graduated pricing: how many of `quantity` units fall in each tier's band (only bands used). */
export function graduatedBands(tiers: readonly PriceTier[], quantity: number): GraduatedBand[] {
  const bands: GraduatedBand[] = []
  for (let i = 0; i < tiers.length && tiers[i].min_quantity <= quantity; i++) {
    const next = tiers[i + 1]
    const lastQuantity = next === undefined ? null : next.min_quantity - 1
    const units = Math.min(quantity, lastQuantity ?? quantity) - tiers[i].min_quantity + 1
    bands.push({ tier: tiers[i], last_quantity: lastQuantity, units })
  }
  return bands
}

/** Exact total of the bands, no rounding. */
export function bandsTotal(bands: readonly GraduatedBand[]): bigint {
  return bands.reduce((sum, band) => sum + band.tier.unit_price_minor * BigInt(band.units), 0n)
}
