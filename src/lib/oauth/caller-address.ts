import { isIPv6 } from "node:net"

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
