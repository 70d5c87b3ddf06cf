import { BlockList, isIP } from "node:net"

/** TRUST_PROXY: which proxies in front of the app may name the caller in X-Forwarded-For. */
export type TrustProxy =
  /** The nearest `hops` hops (the socket's peer first) are proxies; 0, the default, trusts none. */
  | { hops: number }
  /** The proxies' addresses, each as a CIDR ("10.0.0.0/8", "2001:db8::7/128"). */
  | { proxies: string[] }

/** More hops than any real chain of proxies: a larger count is a typo. */
const MAX_HOPS = 32

/**
 * Reads TRUST_PROXY: empty (trust none), a hop count, or a comma-separated
 * list of IP addresses and CIDRs. Throws an Error saying what is wrong.
 */
export function parseTrustProxy(raw: string): TrustProxy {
  const text = raw.trim()
  if (text === "") return { hops: 0 }
  if (/^\d+$/.test(text)) {
    const hops = Number(text)
    if (hops > MAX_HOPS) throw new Error(`must be a hop count of at most ${MAX_HOPS} (got "${raw}")`)
    return { hops }
  }
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
  return { proxies: entries.map(toCidr) }
}

/**
 * Whether the address at `hop` is a trusted proxy (hop 0: the socket's peer,
 * 1: the right-most X-Forwarded-For entry, and so on leftwards).
 */
export function proxyTrust(trust: TrustProxy): (address: string, hop: number) => boolean {
  if ("hops" in trust) return (_address, hop) => hop < trust.hops
  const list = proxyList(trust.proxies)
  return (address) => list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4")
}

/** "10.0.0.1" → "10.0.0.1/32"; "10.0.0.0/8" stays; anything else is refused, naming the entry. */
function toCidr(entry: string): string {
  const [address, prefix, extra] = entry.split("/")
  const family = isIP(address)
  const bits = family === 6 ? 128 : 32
  const validPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits)
  if (!family || extra !== undefined || !validPrefix)
    throw new Error(
      `must be a hop count or comma-separated IP addresses and CIDRs ("${entry}" is neither; e.g. 1 or 10.0.0.0/8,192.0.2.7)`
    )
  return `${address}/${prefix ?? bits}`
}

// A few lists per process (one per configuration): built once, not per request.
const lists = new Map<string, BlockList>()

function proxyList(cidrs: string[]): BlockList {
  const key = cidrs.join(",")
  let list = lists.get(key)
  if (!list) {
    list = new BlockList()
    for (const cidr of cidrs) {
      const [address, prefix] = cidr.split("/")
      list.addSubnet(address, Number(prefix), isIP(address) === 6 ? "ipv6" : "ipv4")
    }
    lists.set(key, list)
  }
  return list
}
