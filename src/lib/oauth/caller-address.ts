import { isIP, isIPv6 } from "node:net"
import { proxyTrust, type TrustProxy } from "./trusted-proxies"

/**
 * The address the request came from: the socket's peer or, when that peer is
 * a proxy TRUST_PROXY trusts, the X-Forwarded-For entry it added, and so on
 * leftwards while the hop is trusted. Entries left of the first untrusted hop
 * are written by the caller and never read; with no trust (the default) the
 * header is ignored, so it cannot dodge the per-address limits.
 */
export function requestAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy
): string | undefined {
  if (!socketAddress) return undefined
  const isProxy = proxyTrust(trust)
  // Node joins repeated X-Forwarded-For headers with ", "; the header type also allows a list.
  const forwarded = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(","))
    .map((entry) => entry.trim())
    .filter(Boolean)
  const hops = [socketAddress, ...forwarded.reverse()]
  let hop = 0
  // An entry that is not an address (garbage, or one with a port) ends the chain at the last one we can count.
  while (hop + 1 < hops.length && isIP(hops[hop + 1]) && isProxy(hops[hop], hop)) hop++
  return hops[hop]
}

/**
 * The bucket a caller's address is counted in: the IPv4 address, or the /64
 * of an IPv6 one (one host usually owns a whole /64 and could rotate through it).
 */
export function callerAddress(address: string | undefined): string {
  if (!address) return "unknown"
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]
  if (!isIPv6(address)) return address
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`
}

/** The eight hextets (no leading zeros); an embedded IPv4 tail only shifts the low half. */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.split("%")[0].split("::")
  const left = head ? head.split(":") : []
  const right = tail ? tail.split(":") : []
  const gap = tail === undefined ? [] : Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0")
  return [...left, ...gap, ...right].map((h) => h.toLowerCase().replace(/^0+(?=.)/, ""))
}
