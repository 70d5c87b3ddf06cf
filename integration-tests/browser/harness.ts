import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { Client } from "pg"
import type { Browser, Page } from "playwright-core"
import { cleanEnv, runCommand, startCommand, type RunningCommand } from "../process/run"
import { launchChromium } from "./chromium"

const ROOT = join(__dirname, "../..")

/** The hub `npm run demo -- --keep` leaves running, as the demo printed it. */
export type KeptHub = {
  hubUrl: string
  erpUrl: string
  stripeUrl: string
  partnerUrl: string
  staff: { email: string; password: string }
  buyer: { email: string; password: string }
  publishableKey: string
  /** The demo's whole output so far (its order id, invoice number, …). */
  output(): string
  /** Admin API as the seeded staff member (bearer token), for setting up what a page then shows. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>
  /** Ctrl-C, as a person would; resolves when the hub and sandboxes are gone. */
  stop(): Promise<void>
  demo: RunningCommand
}

/** A logged-in dashboard tab on a kept hub. */
export type Dashboard = {
  hub: KeptHub
  page: Page
  /** Opens `/app<path>` and waits for the page's network to settle. */
  open(path: string): Promise<void>
  /** Saves a full-page PNG named `<name>.png` into the screenshot folder. */
  screenshot(name: string): Promise<string>
  screenshotDir: string
}

/** `npm run build` once per test run: Medusa's dashboard with backy's pages into ./public/admin. */
export async function buildDashboard(): Promise<void> {
  if (process.env.DASHBOARD_BUILD === "skip") return
  const { code, output } = await runCommand("npm", ["run", "build"], cleanEnv(), 300_000)
  if (code !== 0) throw new Error(`npm run build failed:\n${output.slice(-4000)}`)
}

/**
 * The demo on a database and Redis namespace of its own (named by this
 * process, dropped first), kept running: one order placed, approved, invoiced,
 * synced to the ERP, fulfilled and announced to a partner, plus a quote.
 */
export async function startKeptHub(name = `backy_dashboard_${process.pid}`): Promise<KeptHub> {
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`
  await dropDatabase(name)
  const demo = startCommand(
    "npm",
    ["run", "demo", "--", "--keep"],
    cleanEnv({ DATABASE_URL: databaseUrl, HUB_QUEUE_PREFIX: name.replace(/_/g, "-"), DEMO_DASHBOARD_BUILT: "true" })
  )
  try {
    await demo.waitFor(/^\[ready\]\s+Ctrl-C stops/m, 400_000)
  } catch (e) {
    await demo.stop("SIGINT", 60_000)
    throw new Error(`the demo did not get ready: ${(e as Error).message}\n${demo.output().slice(-4000)}`)
  }
  const out = demo.output()
  const printed = (label: string) => out.match(new RegExp(`^\\s+${label}\\s+(http://127\\.0\\.0\\.1:\\d+)`, "m"))![1]
  const [, staffEmail, staffPassword] = out.match(/staff login (\S+) \/ (\S+)/)!
  const [, buyerEmail, buyerPassword] = out.match(/buyer login\s+(\S+) \/ (\S+)/)!
  const hubUrl = printed("hub")
  const token = await login(hubUrl, staffEmail, staffPassword)
  return {
    hubUrl,
    erpUrl: printed("ERP sandbox"),
    stripeUrl: printed("Stripe sandbox"),
    partnerUrl: printed("partner"),
    staff: { email: staffEmail, password: staffPassword },
    buyer: { email: buyerEmail, password: buyerPassword },
    publishableKey: out.match(/publishable key (pk_\w+)/)![1],
    output: demo.output,
    demo,
    async admin(method, path, body) {
      const res = await fetch(`${hubUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null }
    },
    async stop() {
      await demo.stop("SIGINT", 60_000)
      await dropDatabase(name).catch(() => undefined)
    },
  }
}

/** Chromium on the kept hub's dashboard, logged in through Medusa's own login page. */
export async function openDashboard(
  hub: KeptHub,
  screenshotDir: string
): Promise<{ browser: Browser; dashboard: Dashboard }> {
  mkdirSync(screenshotDir, { recursive: true })
  const browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-US" })
  const page = await context.newPage()
  // Generous: CI's two cores also run the hub, Postgres and another test file.
  page.setDefaultTimeout(60_000)
  await page.goto(`${hub.hubUrl}/app/login`, { waitUntil: "networkidle" })
  // Medusa's login form has placeholders, not labels.
  await page.getByPlaceholder("Email").fill(hub.staff.email)
  await page.getByPlaceholder("Password").fill(hub.staff.password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 60_000 })
  const dashboard: Dashboard = {
    hub,
    page,
    screenshotDir,
    async open(path) {
      await page.goto(`${hub.hubUrl}/app${path}`)
      await page.waitForLoadState("networkidle")
    },
    async screenshot(name) {
      const file = join(screenshotDir, `${name}.png`)
      // Medusa's layout scrolls an inner panel, not the page: grow the window to
      // the tallest panel's content for the picture, then put it back.
      const height = await page.evaluate(() =>
        Math.max(...Array.from(document.querySelectorAll("*"), (el) => el.scrollHeight))
      )
      const viewport = page.viewportSize()!
      await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 6000) })
      await page.screenshot({ path: file })
      await page.setViewportSize(viewport)
      return file
    },
  }
  return { browser, dashboard }
}

/** Where a run's screenshots go: tmp/dashboard-screenshots (gitignored), printed by the spec. */
export function screenshotFolder(): string {
  return process.env.DASHBOARD_SCREENSHOTS || join(ROOT, "tmp/dashboard-screenshots")
}

async function login(hubUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${hubUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
}
