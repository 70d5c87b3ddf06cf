/**
 * The worker membership's Redis side: one Lua call per heartbeat registers the
 * worker, drops expired ones, records its acknowledgement and returns the
 * whole membership, atomically and in one round trip. Expiries use Redis's
 * clock (`TIME`), never the workers' (no skew between hosts), and live in a
 * sorted set (no SCAN over the queues' keyspace).
 *
 * Keys (one hash slot): `{prefix}:{workers}:members` (id → expiry ms),
 * `:acks` (id → acknowledged epoch), `:meta` (`seq`, `epoch`, `beat` = last
 * heartbeat of any worker), `:inbox:<id>` (deliveries handed to that worker
 * by workers that hold no part of their endpoint's limits; drained by its
 * heartbeat).
 * @module
 */
import type { Cluster, Redis } from "ioredis"
import type { MembershipSnapshot } from "./membership-ledger"

/**
 * ARGV: id, ttlMs, ack ('' none, '*' the epoch this call ends in, else an
 * epoch), heartbeatMs, keepMs. Expiries only run while workers heartbeat:
 * when no worker at all called for longer than a heartbeat (Redis was down
 * or unreachable for everyone), every expiry moves back by the excess, so an
 * outage does not drop live workers (their shares would be handed out
 * twice). A crashed worker still expires: each call advances its clock by at
 * least a heartbeat.
 */
const HEARTBEAT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id, ttl, ack, period, keep = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local last = tonumber(redis.call('HGET', KEYS[3], 'beat'))
if last and now - last > period then
  local all = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
  for i = 1, #all, 2 do redis.call('ZADD', KEYS[1], tonumber(all[i + 1]) + now - last - period, all[i]) end
end
redis.call('HSET', KEYS[3], 'beat', now)
local added = redis.call('ZADD', KEYS[1], now + ttl, id)
local changed = added == 1
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  redis.call('ZREM', KEYS[1], gone)
  redis.call('HDEL', KEYS[2], gone)
  changed = true
end
local epoch = redis.call('HGET', KEYS[3], 'epoch')
if changed or not epoch then
  epoch = redis.call('HINCRBY', KEYS[3], 'seq', 1) .. '@' .. now
  redis.call('HSET', KEYS[3], 'epoch', epoch)
end
if ack == '*' then redis.call('HSET', KEYS[2], id, epoch) elseif ack ~= '' then redis.call('HSET', KEYS[2], id, ack) end
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], keep) end
local inbox = redis.call('LRANGE', KEYS[4], 0, -1)
if #inbox > 0 then redis.call('DEL', KEYS[4]) end
local reply = { epoch, added, #inbox }
for _, delivery in ipairs(inbox) do reply[#reply + 1] = delivery end
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  reply[#reply + 1] = member
  reply[#reply + 1] = redis.call('HGET', KEYS[2], member) or ''
end
return reply
`

/**
 * ARGV: id, lingerMs. A worker that leaves has no request in flight; it stays
 * listed for lingerMs (until its last rate-limited start is a rate window old) and
 * then expires; with no linger it is removed at once (a new epoch).
 */
const LEAVE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local linger = tonumber(ARGV[2])
if linger > 0 then
  redis.call('ZADD', KEYS[1], 'XX', now + linger, ARGV[1])
elseif redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HSET', KEYS[3], 'epoch', redis.call('HINCRBY', KEYS[3], 'seq', 1) .. '@' .. now)
end
return 1
`

/** Unused membership keys vanish after a day (a retired prefix leaves nothing behind). */
const KEEP_MS = 24 * 60 * 60 * 1000
/** An inbox nobody drains (its worker died) vanishes; the deliveries' fallback retry jobs re-offer them. */
const INBOX_KEEP_MS = 60_000

/** A heartbeat's answer: the membership, and the deliveries other workers handed to this one. */
export interface Heartbeat {
  snapshot: MembershipSnapshot
  handedOver: string[]
}

export interface HeartbeatArgs {
  id: string
  ttlMs: number
  /** See `MembershipLedger.ackToSend`. */
  ack: string | undefined
  heartbeatMs: number
}

type Scripted = {
  webhookMembershipBeat(...args: (string | number)[]): Promise<(string | number)[]>
  webhookMembershipLeave(...args: (string | number)[]): Promise<number>
}

export interface MembershipScripts {
  heartbeat(args: HeartbeatArgs): Promise<Heartbeat>
  leave(id: string, lingerMs: number): Promise<void>
  /** Appends delivery ids to each target worker's inbox, in one pipeline. */
  handOver(byWorker: ReadonlyMap<string, readonly string[]>): Promise<void>
}

/** Binds the scripts to `redis` (a client of the membership's own) and the keys under `prefix`. */
export function membershipScripts(redis: Redis | Cluster, prefix: string): MembershipScripts {
  redis.defineCommand("webhookMembershipBeat", { numberOfKeys: 4, lua: HEARTBEAT_LUA })
  redis.defineCommand("webhookMembershipLeave", { numberOfKeys: 3, lua: LEAVE_LUA })
  const scripted = redis as unknown as Scripted
  const keys = membershipKeys(prefix)
  return {
    async heartbeat({ id, ttlMs, ack, heartbeatMs }) {
      const inbox = inboxKey(prefix, id)
      const reply = await scripted.webhookMembershipBeat(...keys, inbox, id, ttlMs, ack ?? "", heartbeatMs, KEEP_MS)
      const handed = Number(reply[2])
      const handedOver = reply.slice(3, 3 + handed).map(String)
      const pairs: [string, string | null][] = []
      for (let i = 3 + handed; i < reply.length; i += 2)
        pairs.push([String(reply[i]), reply[i + 1] ? String(reply[i + 1]) : null])
      pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      return {
        snapshot: {
          epoch: String(reply[0]),
          added: Number(reply[1]) === 1,
          members: pairs.map(([member]) => member),
          acks: pairs.map(([, ack]) => ack),
        },
        handedOver,
      }
    },
    async handOver(byWorker) {
      if (byWorker.size === 0) return
      const pipeline = redis.pipeline()
      for (const [worker, ids] of byWorker) {
        pipeline.rpush(inboxKey(prefix, worker), ...ids)
        pipeline.pexpire(inboxKey(prefix, worker), INBOX_KEEP_MS)
      }
      const results = await pipeline.exec()
      const failed = results?.find(([err]) => err)
      if (failed) throw failed[0]
    },
    async leave(id, lingerMs) {
      await scripted.webhookMembershipLeave(...keys, id, Math.max(0, Math.ceil(lingerMs)))
    },
  }
}

/** A worker's inbox of handed-over deliveries (the membership's hash slot). */
export function inboxKey(prefix: string, workerId: string): string {
  return `${prefix}:{workers}:inbox:${workerId}`
}

/** The membership's keys under a queue prefix (one hash slot, for Redis Cluster). */
export function membershipKeys(prefix: string): [string, string, string] {
  const base = `${prefix}:{workers}`
  return [`${base}:members`, `${base}:acks`, `${base}:meta`]
}
