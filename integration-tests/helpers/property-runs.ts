/**
 * How many runs a property test makes in this lane. `npm test` runs each
 * property's full count; the quick `npm run test:unit` lane sets
 * PROPERTY_RUNS_SCALE=0.1 and runs that share (at least 20). With a fixed seed
 * the quick lane checks the first orders of the same sequence the full run does.
 */
export function propertyRuns(full: number): number {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? 1)
  if (!(scale > 0 && scale < 1)) return full
  return Math.min(full, Math.max(20, Math.ceil(full * scale)))
}
