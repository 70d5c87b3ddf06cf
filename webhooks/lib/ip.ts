/**
 * Byte-level IP parsing and CIDR matching for the SSRF guard. Node's
 * `net.BlockList` answers "is it in the list" but not "which range matched",
 * and the guard's errors must name the address class.
 * @module
 */
import { isIPv4, isIPv6 } from "node:net"

export interface ParsedIp {
  version: 4 | 6
  bytes: Uint8Array
}

export interface Cidr extends ParsedIp {
  prefix: number
}

/** Parses an IPv4/IPv6 literal (brackets and a `%zone` suffix allowed); null if it is not one. */
export function parseIp(input: string): ParsedIp | null {
  let text = input.trim()
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1)
  const zone = text.indexOf("%")
  if (zone !== -1) text = text.slice(0, zone)
  if (isIPv4(text)) return { version: 4, bytes: Uint8Array.from(text.split(".").map(Number)) }
  if (isIPv6(text)) return { version: 6, bytes: parseIpv6(text) }
  return null
}

// isIPv6 has already validated the syntax, so this only expands "::" and a dotted tail.
function parseIpv6(text: string): Uint8Array {
  let groups: number[] = []
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined]
  const toGroups = (part: string): number[] => {
    if (part === "") return []
    const out: number[] = []
    for (const piece of part.split(":")) {
      if (piece.includes(".")) {
        const [a, b, c, d] = piece.split(".").map(Number)
        out.push((a << 8) | b, (c << 8) | d)
      } else {
        out.push(parseInt(piece, 16))
      }
    }
    return out
  }
  const headGroups = toGroups(head)
  if (tail === undefined) {
    groups = headGroups
  } else {
    const tailGroups = toGroups(tail)
    const zeros = new Array(8 - headGroups.length - tailGroups.length).fill(0)
    groups = [...headGroups, ...zeros, ...tailGroups]
  }
  const bytes = new Uint8Array(16)
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8
    bytes[i * 2 + 1] = g & 0xff
  })
  return bytes
}

/** Parses "a.b.c.d/n", "x::/n" or a bare address (a /32 or /128); null if malformed. */
export function parseCidr(input: string): Cidr | null {
  const [addr, bits, extra] = input.trim().split("/")
  if (extra !== undefined) return null
  const ip = parseIp(addr)
  if (!ip) return null
  const max = ip.version === 4 ? 32 : 128
  if (bits === undefined) return { ...ip, prefix: max }
  if (!/^\d{1,3}$/.test(bits)) return null
  const prefix = Number(bits)
  return prefix <= max ? { ...ip, prefix } : null
}

/** True when `ip` lies inside `cidr` (same address family only). */
export function cidrContains(cidr: Cidr, ip: ParsedIp): boolean {
  if (cidr.version !== ip.version) return false
  const full = Math.floor(cidr.prefix / 8)
  for (let i = 0; i < full; i++) if (cidr.bytes[i] !== ip.bytes[i]) return false
  const rest = cidr.prefix % 8
  if (rest === 0) return true
  const mask = (0xff << (8 - rest)) & 0xff
  return (cidr.bytes[full] & mask) === (ip.bytes[full] & mask)
}

/** Formats 4 bytes as dotted IPv4. */
export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join(".")
}
