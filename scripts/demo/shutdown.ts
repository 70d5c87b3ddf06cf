/**
 * Stops what the demo started, once, on whichever comes first: the end of the
 * run, Ctrl-C (SIGINT) or SIGTERM. The hub runs in its own process group (so
 * that it can be stopped as a whole), which a Ctrl-C in the terminal does not
 * reach: without this, an interrupted demo would leave the hub running.
 */
export class Shutdown {
  /** Resolves with the first SIGINT/SIGTERM. */
  readonly requested: Promise<NodeJS.Signals>
  /**
   * While false, a signal interrupts the run: stop everything, exit 130. The
   * demo sets it once `--keep` is waiting, where a signal is the normal end.
   */
  expectingSignal = false
  private readonly tasks: Array<() => Promise<unknown>> = []
  private running?: Promise<void>

  constructor() {
    this.requested = new Promise((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        // A second Ctrl-C falls through to Node's default and kills the demo at once.
        process.off("SIGINT", onSignal)
        process.off("SIGTERM", onSignal)
        resolve(signal)
        if (!this.expectingSignal) void this.run().then(() => process.exit(130))
      }
      process.on("SIGINT", onSignal)
      process.on("SIGTERM", onSignal)
    })
  }

  /** Registers a stop task; tasks run last-registered first (the hub before the sandboxes it calls). */
  add(task: () => Promise<unknown>): void {
    this.tasks.unshift(task)
  }

  /** Runs every task once, in order, whatever each one's outcome. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const task of this.tasks) await task().catch(() => undefined)
    })()
    return this.running
  }
}
