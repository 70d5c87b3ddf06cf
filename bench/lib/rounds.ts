/**
 * Interleaved rounds and medians for the benchmarks' "ours vs baseline" ratios.
 *
 * Two figures measured minutes apart on a shared 2-core machine differ by
 * whatever else the machine did in between (another test suite, a compile,
 * autovacuum), and their ratio moves with it. So each side is measured in
 * several rounds, alternating with the other (ours, baseline, baseline, ours,
 * …: the side that goes first alternates too, so neither always runs on the
 * warmer or the busier machine), a ratio is taken per round, and the median
 * of those ratios is reported: one disturbed round cannot move it, as it
 * moves a mean or a single long measurement.
 *
 * What interleaving cannot remove is the neighbours' share of the figures:
 * with more runnable processes than cores, every request waits for a CPU
 * now and then, and tail latencies in particular grow with the load. Each
 * benchmark therefore reports the load it ran under (loadSampler).
 */
import { availableParallelism, loadavg } from "node:os"

export type Sides<O, B> = { ours: (index: number) => Promise<O>; baseline: (index: number) => Promise<B> }
export type Interleaved<O, B> = { ours: O[]; baseline: B[] }

/**
 * Measures ours and the baseline `times` times each, alternating, and the
 * side that goes first alternates as well (ours then baseline, baseline then
 * ours, …). `onPair` sees each pair as it completes, for progress lines.
 */
export async function interleave<O, B>(
  times: number,
  sides: Sides<O, B>,
  onPair?: (index: number, ours: O, baseline: B) => void
): Promise<Interleaved<O, B>> {
  const results: Interleaved<O, B> = { ours: [], baseline: [] }
  for (let index = 0; index < times; index++) {
    if (index % 2 === 0) {
      results.ours.push(await sides.ours(index))
      results.baseline.push(await sides.baseline(index))
    } else {
      results.baseline.push(await sides.baseline(index))
      results.ours.push(await sides.ours(index))
    }
    onPair?.(index, results.ours[index]!, results.baseline[index]!)
  }
  return results
}

export function median(values: number[]): number {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The nearest-rank percentile of ascending samples (p99 of 300 samples = the 297th). */
export function percentile(sortedAscending: number[], p: number): number {
  if (!sortedAscending.length) return NaN
  const index = Math.ceil((p / 100) * sortedAscending.length) - 1
  return sortedAscending[Math.min(sortedAscending.length - 1, Math.max(0, index))]!
}

export type RatioSummary = { median: number; min: number; max: number; each: number[] }

/**
 * A baseline measured under several settings in every round (pg-boss's fetch
 * sizes, the naive queue's concurrencies): the setting with the best median
 * over the rounds, and its per-round figures. Its best setting, not each
 * round's best sample: the larger of two noisy samples is biased upward by
 * the noise itself, a speed no setting actually delivers (on 2026-12-07 our
 * ratios against pg-boss read 0–3 % lower that way).
 */
export function bestSetting(rounds: readonly Record<string, number>[]): { setting: string; values: number[] } {
  const settings = Object.keys(rounds[0] ?? {})
  let best = { setting: "", values: [] as number[], median: -Infinity }
  for (const setting of settings) {
    const values = rounds.map((round) => round[setting]!)
    const m = median(values)
    if (m > best.median) best = { setting, values, median: m }
  }
  return { setting: best.setting, values: best.values }
}

/** Per-round ratios ours[i] / baseline[i] and their median, min and max. */
export function roundRatios(ours: number[], baseline: number[]): RatioSummary {
  if (ours.length !== baseline.length)
    throw new Error(`${ours.length} rounds of ours vs ${baseline.length} of baseline`)
  const each = ours.map((value, i) => value / baseline[i]!)
  return { median: median(each), min: Math.min(...each), max: Math.max(...each), each }
}

/**
 * Samples the 1-minute load average whenever `sample()` is called, e.g. once
 * per round; `median()` is the figure to report. `note()` is a warning line
 * when the load was above twice the cores: the benchmark's own processes
 * account for one to two cores' worth, so beyond that others were running too.
 */
export function loadSampler() {
  const samples: number[] = []
  return {
    sample: () => void samples.push(loadavg()[0]!),
    median: () => Number(median(samples).toFixed(1)),
    note(): string | undefined {
      const load = median(samples)
      const cores = availableParallelism()
      if (load <= 2 * cores) return undefined
      return `note: load average ${load.toFixed(1)} on ${cores} cores: other work shared the machine, and such runs vary more (tail latencies most)`
    },
  }
}
