import { existsSync } from "node:fs"
import { chromium, type Browser } from "playwright-core"

/**
 * Debian's Chromium (`apt-get install chromium`, which .ci/run does when it is
 * missing), or any Chromium named by CHROMIUM_PATH. A missing browser fails the
 * browser tests with this one line: they are never skipped.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
  if (!existsSync(path)) {
    throw new Error(
      `the dashboard tests need Chromium at ${path}: apt-get install chromium, or set CHROMIUM_PATH to a Chromium binary`
    )
  }
  return path
}

export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // As root in CI, and with no network beyond localhost: no sandbox, no
    // background calls home (this machine refuses them, many at a time).
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  })
}
