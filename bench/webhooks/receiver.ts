/**
 * The partner side of the webhook benchmark, in its own process so that it
 * does not share an event loop with the workers: one lean listener per
 * endpoint (an origin each, as different partners have), answering 200 at
 * once or hanging ("dead" endpoints). Driven over IPC by bench/webhooks/index.ts.
 */
import { startPartnerReceiver, type PartnerReceiver } from "../../integration-tests/sandboxes/partner"

type Command =
  | { cmd: "hang"; indexes: number[] }
  | { cmd: "heal" }
  | { cmd: "count" }
  | { cmd: "counts" }
  | { cmd: "receipts" }
  | { cmd: "clear" }
  | { cmd: "stop" }

async function main() {
  const n = Number(process.env.RECEIVERS ?? "10")
  const receivers: PartnerReceiver[] = []
  for (let i = 0; i < n; i++) receivers.push(await startPartnerReceiver({ recordBodies: false }))
  const send = (message: unknown) => process.send!(message)
  send({ ready: true, urls: receivers.map((r) => r.url) })

  process.on("message", async (message: Command) => {
    switch (message.cmd) {
      case "hang":
        for (const i of message.indexes) receivers[i].respond("*", "hang")
        return send({ ok: true })
      case "heal":
        for (const r of receivers) r.resetBehaviours()
        return send({ ok: true })
      case "count":
        return send({ count: receivers.reduce((n, r) => n + r.count(), 0) })
      case "counts":
        return send({ counts: receivers.map((r) => r.count()) })
      case "receipts":
        // [webhook-id, received at (ms)] for every request; ids repeat only if something was sent twice.
        return send({ receipts: receivers.flatMap((r) => r.deliveries().map((d) => [d.id, d.receivedAt])) })
      case "clear":
        for (const r of receivers) r.clear()
        return send({ ok: true })
      case "stop":
        await Promise.all(receivers.map((r) => r.close()))
        send({ ok: true })
        process.exit(0)
    }
  })
}

main().catch((e) => {
  process.stderr.write(`receiver failed: ${(e as Error).stack ?? e}\n`)
  process.exit(1)
})
