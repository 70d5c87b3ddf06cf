/**
 * `npm run bench:pricing`: how long backy takes to price a 500-line cart
 * against a 1,000-rule contract, next to Medusa's own price calculation for
 * the same cart, measured in the same process and interleaved.
 *
 *   backy  = load the buyer's active contract and its rules from Postgres
 *            (B2bModuleService.loadActiveContract: resolveActiveContract's
 *            cache miss) + compileRules + priceCart of the 500 lines
 *   warm   = the same through the contract cache, populated, as the cart hook
 *            does (B2bModuleService.resolveActiveContract: versions read from
 *            Redis, snapshot and compiled rules from memory) + priceCart
 *   medusa = one pricingModule.calculatePrices({ id: <500 price set ids> },
 *            { context: { currency_code, customer (with its group), quantity } })
 *            against a customer-group price list holding the same rules where
 *            Medusa can express them (fixed prices, volume tiers as
 *            min/max-quantity prices, discounts expanded to per-variant prices;
 *            graduated tiers and MOQ/increments have no Medusa equivalent)
 *
 * Both sides run against the real modules (pricing, product, b2b) loaded the
 * way Medusa loads them, on a throwaway database (`backy_bench_pricing`,
 * created and dropped here). The cart lines carry Medusa's base price as an
 * input, as the cart hook receives it from Medusa's calculated price.
 *
 * Timing: BENCH_ROUNDS rounds (default 7) of BENCH_RUNS runs per side (default
 * 60), the three sides taking turns run by run (which goes first rotates). A
 * round's ratio is backy's median over Medusa's median in that round; `ratio`
 * (cold) and `ratio_warm` are the medians of the rounds' ratios, the p50s the
 * medians over all runs (see bench/lib/rounds.ts). The cache's Redis is
 * REDIS_URL, under a key prefix of this run's own.
 *
 * Prints progress on stderr and, as the last line of stdout, one JSON object:
 * {"lines":500,"rules":1000,"backy_ms_p50":…,"backy_warm_ms_p50":…,"medusa_ms_p50":…,"ratio":…,"ratio_warm":…,"rounds":…,"ratio_min":…,"ratio_max":…,"load_avg_1m":…}
 */
import { performance } from "node:perf_hooks"
import path from "node:path"
import { Client } from "pg"
import { MedusaApp, MedusaAppMigrateUp, MedusaModule } from "@medusajs/framework/modules-sdk"
import { ContainerRegistrationKeys, Modules, ModulesSdkUtils } from "@medusajs/framework/utils"
import { loadHubConfig } from "../../src/lib/config/env"
import { B2B_MODULE } from "../../src/modules/b2b"
import type B2bModuleService from "../../src/modules/b2b/service"
import { compileContractRules } from "../../src/modules/b2b/lib/contract-pricing"
import { priceCart } from "../../src/modules/b2b/pricing"
import type { CartLineInput } from "../../src/modules/b2b/pricing/types"
import {
  buildCatalogue,
  buildContractRules,
  buildMedusaPriceList,
  CART_QUANTITY,
  CURRENCY,
  LINES,
  RULES,
} from "./scenario"
import { loadSampler, median, roundRatios } from "../lib/rounds"

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
/** Timed runs per side and round (after the warm-up): enough that a few stalled runs do not move a round's median. */
const RUNS = Number(process.env.BENCH_RUNS ?? 60)
const WARMUP_RUNS = 5
const DB_NAME = process.env.BENCH_DB_NAME ?? "backy_bench_pricing"
const CUSTOMER_GROUP_ID = "cusgroup_bench"

const log = (message: string) => process.stderr.write(`[bench:pricing] ${message}\n`)

async function main() {
  const { adminUrl, benchUrl } = databaseUrls()
  await recreateDatabase(adminUrl, DB_NAME)
  try {
    const result = await runBenchmark(benchUrl)
    await dropDatabase(adminUrl, DB_NAME)
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } catch (error) {
    await dropDatabase(adminUrl, DB_NAME).catch(() => undefined)
    throw error
  }
}

async function runBenchmark(clientUrl: string) {
  const modulesConfig = {
    [Modules.PRICING]: { resolve: "@medusajs/medusa/pricing" },
    [Modules.PRODUCT]: { resolve: "@medusajs/medusa/product" },
    [B2B_MODULE]: {
      resolve: path.resolve(__dirname, "../../src/modules/b2b"),
      options: { redisUrl: loadHubConfig().redisUrl, queuePrefix: `backy-bench-pricing-${process.pid}` },
    },
  }
  const pg = ModulesSdkUtils.createPgConnection({ clientUrl })
  const injectedDependencies = {
    [ContainerRegistrationKeys.PG_CONNECTION]: pg,
    [ContainerRegistrationKeys.LOGGER]: quietLogger,
    [Modules.EVENT_BUS]: new NoopEventBus(),
  }
  log("migrating pricing, product and b2b")
  const sharedResourcesConfig = { database: { clientUrl } }
  await MedusaAppMigrateUp({ modulesConfig, sharedResourcesConfig, injectedDependencies, cwd: process.cwd() })
  const app = await MedusaApp({ modulesConfig, sharedResourcesConfig, injectedDependencies, cwd: process.cwd() })
  await app.onApplicationStart()
  try {
    const pricing = app.modules[Modules.PRICING] as any
    const product = app.modules[Modules.PRODUCT] as any
    const b2b = app.modules[B2B_MODULE] as unknown as B2bModuleService

    log(`seeding ${LINES} cart variants, ${RULES} contract rules and the equivalent Medusa price list`)
    const catalogue = await buildCatalogue(product, pricing)
    const company = await b2b.createCompanies({
      name: "Bench Buyer",
      billing_email: "ap@bench.example",
      currency_code: CURRENCY,
    } as any)
    const contract = await b2b.createContracts({
      company_id: company.id,
      currency_code: CURRENCY,
      valid_from: new Date(Date.now() - 86_400_000),
    } as any)
    const rules = buildContractRules(catalogue)
    await b2b.createPriceRules(rules.map((rule) => ({ ...rule, contract_id: contract.id })) as any)
    await pricing.createPriceLists([buildMedusaPriceList(catalogue, CUSTOMER_GROUP_ID)])

    const cart: CartLineInput[] = catalogue.cartVariants.map((v) => ({
      variant_id: v.id,
      sku: v.sku,
      product_id: v.product_id,
      collection_id: v.collection_id,
      category_ids: v.category_ids,
      quantity: CART_QUANTITY,
      base_unit_price_minor: BigInt(v.base_price_minor),
    }))
    const priceSetIds = catalogue.cartVariants.map((v) => v.price_set_id)
    const medusaContext = {
      context: {
        currency_code: CURRENCY,
        quantity: CART_QUANTITY,
        customer: { id: "cus_bench", groups: [{ id: CUSTOMER_GROUP_ID }] },
      } as any,
    }

    const backy = async () => {
      const resolved = await b2b.loadActiveContract(company.id, CURRENCY)
      return priceCart(compileContractRules(resolved!.contract), cart, CURRENCY)
    }
    const warm = async () => {
      const resolved = await b2b.resolveActiveContract(company.id, CURRENCY)
      return priceCart(compileContractRules(resolved!.contract), cart, CURRENCY)
    }
    const medusa = () => pricing.calculatePrices({ id: priceSetIds }, medusaContext)

    const cold = await backy()
    crossCheck(cold, await medusa(), catalogue)
    if (JSON.stringify(await warm(), bigints) !== JSON.stringify(cold, bigints)) {
      throw new Error("Cross-check failed: the cached contract prices the cart differently")
    }
    if (process.env.BENCH_PROFILE) await profileBacky(b2b, company.id, cart)

    for (let i = 0; i < WARMUP_RUNS; i++) {
      await backy()
      await warm()
      await medusa()
    }
    const load = loadSampler()
    const rounds = await measureRounds({ backy, warm, medusa }, load.sample)
    const backyMs = rounds.flatMap((r) => r.backy)
    const warmMs = rounds.flatMap((r) => r.warm)
    const medusaMs = rounds.flatMap((r) => r.medusa)
    const medusaMedians = rounds.map((r) => median(r.medusa))
    const ratio = roundRatios(
      rounds.map((r) => median(r.backy)),
      medusaMedians
    )
    const ratioWarm = roundRatios(
      rounds.map((r) => median(r.warm)),
      medusaMedians
    )
    const backyP50 = median(backyMs)
    const warmP50 = median(warmMs)
    const medusaP50 = median(medusaMs)
    for (const [side, ms] of [
      ["backy", backyMs],
      ["backy warm", warmMs],
      ["medusa", medusaMs],
    ] as const) {
      log(
        `${side} ms: min ${Math.min(...ms).toFixed(2)} p50 ${median(ms).toFixed(2)} max ${Math.max(...ms).toFixed(2)}`
      )
    }
    log(`ratio per round: ${ratio.each.map((r) => r.toFixed(3)).join(" ")} → median ${ratio.median.toFixed(3)}`)
    log(
      `warm ratio per round: ${ratioWarm.each.map((r) => r.toFixed(3)).join(" ")} → median ${ratioWarm.median.toFixed(3)}`
    )
    const busy = load.note()
    if (busy) log(busy)
    return {
      lines: LINES,
      rules: RULES,
      backy_ms_p50: round(backyP50, 2),
      backy_warm_ms_p50: round(warmP50, 2),
      medusa_ms_p50: round(medusaP50, 2),
      ratio: round(ratio.median, 3),
      ratio_warm: round(ratioWarm.median, 3),
      rounds: ROUNDS,
      ratio_min: round(ratio.min, 3),
      ratio_max: round(ratio.max, 3),
      load_avg_1m: load.median(),
    }
  } finally {
    await app.onApplicationPrepareShutdown?.()
    await app.onApplicationShutdown?.()
    MedusaModule.clearInstances()
    await (pg as any).context?.destroy?.()
    await pg.destroy()
  }
}

/**
 * The comparison is only fair if both sides compute the same thing: every line
 * Medusa can express must come out at the same unit price on both sides.
 */
function crossCheck(
  backy: ReturnType<typeof priceCart>,
  medusa: any[],
  catalogue: Awaited<ReturnType<typeof buildCatalogue>>
) {
  const medusaByPriceSet = new Map(medusa.map((p) => [p.id, p]))
  let compared = 0
  for (const [index, line] of backy.lines.entries()) {
    const variant = catalogue.cartVariants[index]
    if (!variant.medusa_expressible) continue
    const calculated = medusaByPriceSet.get(variant.price_set_id)
    const medusaMinor = Math.round(Number(calculated?.calculated_amount) * 100)
    if (medusaMinor !== Number(line.unit_price_minor)) {
      throw new Error(
        `Cross-check failed for ${variant.sku}: backy ${line.unit_price_minor}, Medusa ${medusaMinor} (${line.explanation})`
      )
    }
    compared++
  }
  log(
    `cross-check: ${compared} of ${backy.lines.length} lines priced identically by both (the rest use graduated tiers)`
  )
}

/** BENCH_PROFILE=1: where backy's time goes (load / compile / price), p50 of 20 runs each. */
async function profileBacky(b2b: B2bModuleService, companyId: string, cart: CartLineInput[]) {
  const load: number[] = [],
    compile: number[] = [],
    price: number[] = []
  for (let i = 0; i < 20; i++) {
    let t = performance.now()
    const resolved = await b2b.loadActiveContract(companyId, CURRENCY)
    load.push(performance.now() - t)
    t = performance.now()
    const compiled = compileContractRules(resolved!.contract)
    compile.push(performance.now() - t)
    t = performance.now()
    priceCart(compiled, cart, CURRENCY)
    price.push(performance.now() - t)
  }
  log(
    `profile p50 ms: load ${median(load).toFixed(2)} compile ${median(compile).toFixed(2)} price ${median(price).toFixed(2)}`
  )
}

/**
 * ROUNDS rounds of RUNS runs per side, the sides taking turns run by run (and
 * which goes first rotates), so all see the same machine and none always runs
 * on the warmer pool. Per round, not per run: one run is a few milliseconds, and
 * a ratio of two single runs moves with every scheduler hiccup.
 */
async function measureRounds<S extends string>(sides: Record<S, () => Promise<unknown>>, afterRound: () => void) {
  const names = Object.keys(sides) as S[]
  const rounds: Record<S, number[]>[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const round = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<S, number[]>
    for (let run = 0; run < RUNS; run++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(run + k) % names.length]!
        round[name].push(await timed(sides[name]))
      }
    }
    rounds.push(round)
    afterRound()
  }
  return rounds
}

/** JSON.stringify replacer for the engine's bigint amounts. */
function bigints(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits))
}

/** The server the project uses (DATABASE_URL, else local Postgres), with the bench database on it. */
function databaseUrls() {
  const base = new URL(process.env.DATABASE_URL ?? "postgres://postgres@localhost:5432/backy")
  const adminUrl = new URL(base)
  adminUrl.pathname = "/postgres"
  const benchUrl = new URL(base)
  benchUrl.pathname = `/${DB_NAME}`
  return { adminUrl: adminUrl.toString(), benchUrl: benchUrl.toString() }
}

async function recreateDatabase(adminUrl: string, name: string) {
  await dropDatabase(adminUrl, name)
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`))
}

async function dropDatabase(adminUrl: string, name: string) {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

async function withClient(url: string, fn: (client: Client) => Promise<unknown>) {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    await fn(client)
  } finally {
    await client.end()
  }
}

/** Modules log through this; only problems are worth printing during a benchmark. */
const quietLogger = {
  info: () => undefined,
  debug: () => undefined,
  log: () => undefined,
  activity: () => "",
  progress: () => undefined,
  success: () => undefined,
  failure: () => undefined,
  shouldLog: () => false,
  setLogLevel: () => undefined,
  unsetLogLevel: () => undefined,
  panic: (e: unknown) => log(`panic: ${String(e)}`),
  warn: (m: unknown) => log(`warn: ${String(m)}`),
  error: (m: unknown) => log(`error: ${String(m)}`),
}

/** The modules emit events; nothing listens in a benchmark. */
class NoopEventBus {
  async emit() {}
  subscribe() {
    return this
  }
  unsubscribe() {
    return this
  }
  async releaseGroupedEvents() {}
  async clearGroupedEvents() {}
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`failed: ${error?.stack ?? error}`)
    process.exit(1)
  }
)
