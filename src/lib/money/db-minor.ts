/**
 * Minor-unit amounts are stored in numeric columns (Medusa's bigNumber), whose
 * DML input type is `number`. Integers below 2^53 are exact as numbers; larger
 * amounts are refused rather than silently rounded.
 */
export function dbMinor(minor: bigint | string | number): number {
  const value = BigInt(minor)
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${value} (minor units) exceeds the storable range`)
  }
  return Number(value)
}
