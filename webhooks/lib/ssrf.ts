/**
 * SSRF guard. Partners choose webhook URLs, so every destination is vetted
 * twice: when the endpoint is created (`validateEndpointUrl`) and when a
 * connection is opened (`createPinnedLookup`). The send-time lookup hands the
 * socket exactly the addresses it vetted, so a DNS answer that changes between
 * check and connect (rebinding) can never reach a private address.
 * @module
 */
import { promises as dns } from "node:dns"
import type { LookupAddress, LookupOneOptions } from "node:dns"
import { InvalidEndpointUrlError, SsrfBlockedError, UnresolvableHostError } from "./errors"
import { cidrContains, formatIpv4, parseCidr, parseIp } from "./ip"
import type { Cidr, ParsedIp } from "./ip"

export type AddressClass =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "cgnat"
  | "link-local"
  | "metadata"
  | "ietf-protocol"
  | "documentation"
  | "benchmarking"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "unique-local"
  | "site-local"
  | "discard"
  | "teredo"
  | "invalid"

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** Resolves every address of a host name (A and AAAA). Injectable for tests. */
export type ResolveAll = (hostname: string) => Promise<ResolvedAddress[]>

export interface SsrfPolicy {
  /** Accept `http:` URLs. Development only: production endpoints must use https. */
  allowHttp?: boolean
  /**
   * Destinations that may be private: CIDRs / IPs ("127.0.0.1/32", "fd00::/8")
   * or host names ("hooks.internal", "*.corp.example"). An allowlisted host
   * name is trusted whatever it resolves to.
   */
  allowlist?: readonly string[]
  /** DNS resolver; defaults to `dns.lookup` with `all: true`. */
  resolve?: ResolveAll
}

export interface ValidatedEndpointUrl {
  url: URL
  /** Addresses the host resolved to at validation time (empty for allowlisted host names). */
  addresses: string[]
}

type Range = readonly [cidr: string, cls: AddressClass]

// Most specific first: the first matching range names the class.
const V4_RANGES: readonly Range[] = [
  ["169.254.169.254/32", "metadata"], // AWS, GCP, Azure IMDS
  ["168.63.129.16/32", "metadata"], // Azure wire server (a public-looking address)
  ["100.100.100.200/32", "metadata"], // Alibaba Cloud
  ["255.255.255.255/32", "broadcast"],
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "cgnat"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "ietf-protocol"],
  ["192.0.2.0/24", "documentation"],
  ["192.88.99.0/24", "reserved"], // deprecated 6to4 relay anycast
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
]

const V6_RANGES: readonly Range[] = [
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["fd00:ec2::254/128", "metadata"], // AWS IMDS over IPv6
  ["::/96", "reserved"], // deprecated IPv4-compatible addresses
  ["64:ff9b:1::/48", "reserved"], // local-use NAT64 (RFC 8215)
  ["100::/64", "discard"],
  ["2001::/32", "teredo"], // tunnels to an obfuscated IPv4 host
  ["2001:2::/48", "benchmarking"],
  ["2001:db8::/32", "documentation"],
  ["2001::/23", "ietf-protocol"],
  ["3fff::/20", "documentation"],
  ["fc00::/7", "unique-local"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local"],
  ["ff00::/8", "multicast"],
]

// IPv6 ranges that carry an IPv4 address; the embedded address decides.
const V6_EMBEDDING: readonly (readonly [cidr: string, via: string, offset: number])[] = [
  ["::ffff:0:0/96", "IPv4-mapped", 12],
  ["64:ff9b::/96", "NAT64", 12],
  ["2002::/16", "6to4", 2],
]

const compile = (ranges: readonly Range[]) => ranges.map(([cidr, cls]) => [parseCidr(cidr) as Cidr, cls] as const)
const V4 = compile(V4_RANGES)
const V6 = compile(V6_RANGES)
const EMBEDDING = V6_EMBEDDING.map(([c, via, offset]) => [parseCidr(c) as Cidr, via, offset] as const)
// Only 2000::/3 is allocated as global unicast; anything else unmatched is reserved.
const GLOBAL_UNICAST = parseCidr("2000::/3") as Cidr

interface Inspection {
  addressClass: AddressClass
  /** Set when the class comes from an IPv4 address embedded in an IPv6 one. */
  embedded?: { via: string; ipv4: string }
}

function inspect(ip: ParsedIp): Inspection {
  if (ip.version === 4) {
    const hit = V4.find(([cidr]) => cidrContains(cidr, ip))
    return { addressClass: hit ? hit[1] : "public" }
  }
  for (const [cidr, via, offset] of EMBEDDING) {
    if (!cidrContains(cidr, ip)) continue
    const v4 = { version: 4 as const, bytes: ip.bytes.slice(offset, offset + 4) }
    return { addressClass: inspect(v4).addressClass, embedded: { via, ipv4: formatIpv4(v4.bytes) } }
  }
  const hit = V6.find(([cidr]) => cidrContains(cidr, ip))
  if (hit) return { addressClass: hit[1] }
  return { addressClass: cidrContains(GLOBAL_UNICAST, ip) ? "public" : "reserved" }
}

/** Names the class of an IP address; "public" is the only class webhooks may reach by default. */
export function classifyAddress(address: string): AddressClass {
  const ip = parseIp(address)
  return ip ? inspect(ip).addressClass : "invalid"
}

interface CompiledPolicy {
  allowHttp: boolean
  hosts: Set<string>
  wildcards: string[]
  cidrs: Cidr[]
  resolve: ResolveAll
}

const defaultResolve: ResolveAll = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, verbatim: true })
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))
}

const compiledPolicies = new WeakMap<SsrfPolicy, CompiledPolicy>()

function compilePolicy(policy: SsrfPolicy): CompiledPolicy {
  const cached = compiledPolicies.get(policy)
  if (cached) return cached
  const compiled: CompiledPolicy = {
    allowHttp: policy.allowHttp === true,
    hosts: new Set(),
    wildcards: [],
    cidrs: [],
    resolve: policy.resolve ?? defaultResolve,
  }
  for (const entry of policy.allowlist ?? []) {
    const cidr = parseCidr(entry)
    if (cidr) compiled.cidrs.push(cidr)
    else if (entry.startsWith("*.")) compiled.wildcards.push(normalizeHost(entry.slice(1)))
    else compiled.hosts.add(normalizeHost(entry))
  }
  compiledPolicies.set(policy, compiled)
  return compiled
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "")
}

function isHostAllowlisted(policy: CompiledPolicy, host: string): boolean {
  const name = normalizeHost(host)
  return policy.hosts.has(name) || policy.wildcards.some((suffix) => name.endsWith(suffix))
}

function isAddressAllowlisted(policy: CompiledPolicy, ip: ParsedIp, inspection: Inspection): boolean {
  if (policy.cidrs.some((cidr) => cidrContains(cidr, ip))) return true
  const v4 = inspection.embedded && parseIp(inspection.embedded.ipv4)
  return !!v4 && policy.cidrs.some((cidr) => cidrContains(cidr, v4))
}

/** Throws SsrfBlockedError unless `address` is public or allowlisted. */
function vetAddress(policy: CompiledPolicy, host: string, address: string): void {
  const ip = parseIp(address)
  if (!ip) throw new SsrfBlockedError(host, address, "invalid")
  const inspection = inspect(ip)
  if (inspection.addressClass === "public" || isAddressAllowlisted(policy, ip, inspection)) return
  const { embedded } = inspection
  const cls = embedded ? `${inspection.addressClass} (${embedded.via} ${embedded.ipv4})` : inspection.addressClass
  throw new SsrfBlockedError(host, address, cls)
}

/**
 * Vets every address of `host` (an IP literal or a name). Resolves names with
 * the policy's resolver; one blocked address rejects the whole host, since a
 * public name has no business resolving to a private address.
 */
async function vetHost(policy: CompiledPolicy, host: string): Promise<ResolvedAddress[]> {
  const literal = parseIp(host)
  if (literal) {
    const address = host.replace(/^\[|\]$/g, "")
    vetAddress(policy, host, address)
    return [{ address, family: literal.version }]
  }
  let addresses: ResolvedAddress[]
  try {
    addresses = await policy.resolve(host)
  } catch (cause) {
    throw new UnresolvableHostError(`Could not resolve webhook host ${host}`, { cause })
  }
  if (addresses.length === 0) throw new UnresolvableHostError(`Webhook host ${host} has no address`)
  if (!isHostAllowlisted(policy, host)) {
    for (const { address } of addresses) vetAddress(policy, host, address)
  }
  return addresses
}

/**
 * Create-time check of an endpoint URL: https (unless `allowHttp`), no
 * credentials, and every resolved address public or allowlisted.
 * @throws InvalidEndpointUrlError, UnresolvableHostError, SsrfBlockedError
 */
export async function validateEndpointUrl(input: string, policy: SsrfPolicy): Promise<ValidatedEndpointUrl> {
  const compiled = compilePolicy(policy)
  const url = assertUsableUrl(input, compiled)
  if (isHostAllowlisted(compiled, url.hostname)) return { url, addresses: [] }
  const addresses = await vetHost(compiled, url.hostname)
  return { url, addresses: addresses.map((a) => a.address) }
}

/**
 * Synchronous part of the check (scheme, credentials, IP-literal hosts), used
 * by the sender before every request: sockets skip DNS lookup for IP literals.
 * @throws InvalidEndpointUrlError, SsrfBlockedError
 */
export function assertSendableUrl(input: string | URL, policy: SsrfPolicy): URL {
  const compiled = compilePolicy(policy)
  const url = assertUsableUrl(input, compiled)
  if (parseIp(url.hostname)) {
    vetAddress(compiled, url.hostname, url.hostname.replace(/^\[|\]$/g, ""))
  }
  return url
}

const MAX_PORT = 65_535
// The port of an absolute URL's authority, to say why the URL parser refused it.
const EXPLICIT_PORT = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i

function assertUsableUrl(input: string | URL, policy: CompiledPolicy): URL {
  let url: URL
  try {
    url = typeof input === "string" ? new URL(input) : input
  } catch (cause) {
    const port = typeof input === "string" ? EXPLICIT_PORT.exec(input)?.[1] : undefined
    if (port && Number(port) > MAX_PORT) {
      throw new InvalidEndpointUrlError(`Webhook URL port ${port} is out of range (1–${MAX_PORT})`, { cause })
    }
    throw new InvalidEndpointUrlError(`Webhook URL is not a valid URL`, { cause })
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && policy.allowHttp)) {
    throw new InvalidEndpointUrlError(
      `Webhook URL must use https${policy.allowHttp ? " or http" : ""}, got ${url.protocol}`
    )
  }
  if (url.username || url.password) {
    throw new InvalidEndpointUrlError("Webhook URL must not carry credentials")
  }
  if (!url.hostname) throw new InvalidEndpointUrlError("Webhook URL has no host")
  // The URL parser accepts port 0, but nothing can be reached on it: every delivery would fail.
  if (url.port === "0") throw new InvalidEndpointUrlError("Webhook URL port 0 is not a valid port")
  return url
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** The `lookup` option shape of `net.connect` / `tls.connect`. */
export type PinnedLookup = (
  hostname: string,
  options: LookupOneOptions | { all?: boolean; family?: number | string },
  callback: LookupCallback
) => void

/**
 * A `lookup` for `net.connect` that resolves, vets and returns only vetted
 * addresses: the socket connects to the very address that passed the check.
 */
export function createPinnedLookup(policy: SsrfPolicy): PinnedLookup {
  const compiled = compilePolicy(policy)
  return (hostname, options, callback) => {
    vetHost(compiled, hostname).then(
      (vetted) => {
        const family = familyOf(options.family)
        const usable = family ? vetted.filter((a) => a.family === family) : vetted
        if (usable.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`No IPv${family} address for ${hostname}`)
          err.code = "ENOTFOUND"
          return callback(err, "")
        }
        if ((options as { all?: boolean }).all) return callback(null, usable)
        callback(null, usable[0].address, usable[0].family)
      },
      (err: NodeJS.ErrnoException) => callback(err, "")
    )
  }
}

function familyOf(family: number | string | undefined): 4 | 6 | 0 {
  if (family === 4 || family === "IPv4") return 4
  if (family === 6 || family === "IPv6") return 6
  return 0
}
