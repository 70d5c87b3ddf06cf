/**
 * The ERP sandbox in a process of its own, so the ERP's answers do not wait
 * on the hub's event loop (a real ERP is another machine). Prints its URLs as
 * one JSON line on stdout; stops when its parent closes stdin.
 */
import { createPublicKey } from "node:crypto"
import { startErpSandbox } from "../../integration-tests/sandboxes/erp"

async function main(): Promise<void> {
  const sandbox = await startErpSandbox({
    latencyMs: Number(process.env.ERP_LATENCY_MS ?? 20),
    netsuitePublicKey: process.env.NETSUITE_PUBLIC_KEY ? createPublicKey(process.env.NETSUITE_PUBLIC_KEY) : undefined,
  })
  process.stdout.write(
    `${JSON.stringify({ url: sandbox.url, netsuiteBaseUrl: sandbox.netsuiteBaseUrl, netsuiteTokenUrl: sandbox.netsuiteTokenUrl })}\n`
  )
  process.stdin.resume()
  process.stdin.on("end", () => void sandbox.close().then(() => process.exit(0)))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
