import type { ChildProcess } from "node:child_process"
import { step } from "./hops"
import type { Shutdown } from "./shutdown"

export type KeptDemo = {
  hubUrl: string
  logFile: string
  /** The seed's output (DEMO_SEED_OUT): logins, publishable key, company. */
  seed: any
  stripeUrl: string
  erpUrl: string
  partnerUrl: string
}

const row = (label: string, text: string) => console.log(`           ${label.padEnd(15)} ${text}`)

/**
 * `--keep`: everything a developer needs to carry on by hand against the
 * demo's data. The seed recorded these very sandbox URLs (the ERP connection,
 * the partner endpoint) and the hub talks to this Stripe sandbox, so the data
 * stays consistent for as long as the demo runs. The last line is `[ready]`.
 */
export function printKeptDemo(demo: KeptDemo): void {
  const { hubUrl, seed } = demo
  step("keep", "the hub and the sandboxes keep running on the demo's data:")
  row("hub", `${hubUrl}   (GET /health; log ${demo.logFile})`)
  row("dashboard", `${hubUrl}/app   staff login ${seed.admin.email} / ${seed.admin.password}`)
  row(
    "admin API",
    `${hubUrl}/admin   staff login ${seed.admin.email} / ${seed.admin.password} (POST /auth/user/emailpass)`
  )
  row("store API", `${hubUrl}/store   publishable key ${seed.publishable_key} (header x-publishable-api-key)`)
  row(
    "buyer login",
    `${seed.buyer.email} / ${seed.buyer.password} (POST /auth/customer/emailpass), employee of Acme Industrial`
  )
  row(
    "approver login",
    `${seed.approver.email} / ${seed.approver.password}, Acme's company admin (GET /store/b2b/approval-requests)`
  )
  row("Stripe sandbox", `${demo.stripeUrl}   (GET /_sandbox/state; the hub's STRIPE_API_BASE)`)
  row("ERP sandbox", `${demo.erpUrl}   (GET /_sandbox/state; NetSuite dialect under /netsuite)`)
  row("partner", `${demo.partnerUrl}   (receives the signed webhooks)`)
  step("ready", "Ctrl-C stops the hub and the sandboxes")
}

/**
 * Waits until the user stops the demo (Ctrl-C or SIGTERM); fails if the hub
 * exits first, since the printed addresses would then be dead.
 */
export async function untilStopped(hub: ChildProcess, shutdown: Shutdown, logFile: string): Promise<void> {
  shutdown.expectingSignal = true
  const hubExit = new Promise<never>((_, reject) => {
    const fail = () => reject(new Error(`the hub exited with code ${hub.exitCode} (log: ${logFile})`))
    if (hub.exitCode !== null) fail()
    else hub.once("exit", fail)
  })
  const signal = await Promise.race([shutdown.requested, hubExit])
  step("stop", `${signal}: stopping the hub and the sandboxes`)
}
