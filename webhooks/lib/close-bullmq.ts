/**
 * Closing a BullMQ queue or worker whose Redis connection is still connecting
 * leaves an unhandled error behind (BullMQ 5.81): `close()` drops every
 * listener of the connection and disconnects it, and the connect still in
 * flight then rejects into an 'error' event nobody hears, which Node throws
 * ("Unhandled error. (Error: Connection is closed.)"). It happens whenever a
 * queue is closed before its first command has finished, e.g. a producer's
 * unused retry lane closed right after one enqueue.
 * @module
 */
import type { Queue, Worker } from "bullmq"
import type { EventEmitter } from "node:events"

/** The RedisConnections BullMQ keeps on protected and private fields. */
interface WithConnections {
  connection?: EventEmitter
  blockingConnection?: EventEmitter
}

const ignore = () => undefined

/**
 * `target.close()`, then a listener on its connections for the late 'error'.
 * It is added after `close()` resolves and still in time: the disconnect's
 * rejection comes from the socket's 'close' event, a tick after the
 * microtasks that resume this function.
 */
export async function closeBullmq(target: Queue | Worker): Promise<void> {
  await target.close()
  const { connection, blockingConnection } = target as unknown as WithConnections
  for (const c of [connection, blockingConnection]) c?.on("error", ignore)
}
