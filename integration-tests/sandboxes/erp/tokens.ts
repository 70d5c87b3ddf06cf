/**
 * OAuth token endpoints of the three APIs. Tokens are opaque random strings kept in a map with
 * their expiry; any client credentials are accepted unless the sandbox was given specific ones.
 */
import { createPublicKey, randomBytes, verify, constants, type KeyObject } from "node:crypto"
import { basicCredentials, reply, type Reply, type SandboxRequest } from "./http"
import type { SandboxKind } from "./store"

export interface TokenOptions {
  ttlSeconds: number
  /** When set, token requests must present exactly these (BC, generic) / this client id (NetSuite). */
  credentials?: { clientId: string; clientSecret: string }
  /** When set, NetSuite client assertions must verify against this certificate public key. */
  netsuitePublicKey?: KeyObject | string
  /**
   * When set, the scopes checked on the NetSuite integration record: an assertion asking for any
   * other is refused (NetSuite logs "ScopeMismatched" in the Login Audit Trail; Oracle, "The Refresh
   * Token Request Error Messages in the Login Audit Trail", subsect_158711928134).
   */
  netsuiteScopes?: string[]
}

export const NETSUITE_TOKEN_PATH = "/services/rest/auth/oauth2/v1/token"

export class TokenIssuer {
  private readonly tokens = new Map<string, { kind: SandboxKind; expiresAt: number }>()
  issued = 0

  constructor(private readonly options: TokenOptions) {}

  issue(kind: SandboxKind): { access_token: string; expires_in: number } {
    const token = `${kind === "business-central" ? "bc" : kind === "netsuite" ? "ns" : "gen"}_${randomBytes(24).toString("base64url")}`
    this.tokens.set(token, { kind, expiresAt: Date.now() + this.options.ttlSeconds * 1000 })
    this.issued += 1
    return { access_token: token, expires_in: this.options.ttlSeconds }
  }

  valid(token: string | undefined, kind: SandboxKind): boolean {
    if (!token) return false
    const entry = this.tokens.get(token)
    return !!entry && entry.kind === kind && entry.expiresAt > Date.now()
  }

  revokeAll(): void {
    this.tokens.clear()
  }

  get credentials(): TokenOptions["credentials"] {
    return this.options.credentials
  }

  /** NetSuite M2M: `client_credentials` + a JWT client assertion (Oracle, section_162755359851). */
  netsuite(req: SandboxRequest): Reply {
    const form = (req.body ?? {}) as Record<string, string>
    if (form.grant_type !== "client_credentials") return oauthError(400, "unsupported_grant_type")
    if (form.client_assertion_type !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return oauthError(400, "invalid_request")
    const problem = this.checkAssertion(form.client_assertion, `${req.origin}/netsuite${NETSUITE_TOKEN_PATH}`)
    if (problem) return oauthError(400, "invalid_grant", problem)
    return reply(200, { ...this.issue("netsuite"), token_type: "bearer" })
  }

  /** Microsoft Entra (BC) and generic client credentials: secret in the form or in Basic auth. */
  clientCredentials(req: SandboxRequest, kind: "business-central" | "generic"): Reply {
    const form = (req.body ?? {}) as Record<string, string>
    if (form.grant_type !== "client_credentials") return oauthError(400, "unsupported_grant_type")
    const basic = basicCredentials(req.headers)
    const clientId = basic?.username ?? form.client_id
    const clientSecret = basic?.password ?? form.client_secret
    if (!clientId)
      return oauthError(
        400,
        "invalid_request",
        "AADSTS900144: The request body must contain the following parameter: 'client_id'."
      )
    const expected = this.options.credentials
    if (expected && (clientId !== expected.clientId || clientSecret !== expected.clientSecret)) {
      return oauthError(
        401,
        "invalid_client",
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value."
      )
    }
    const issued = this.issue(kind)
    return reply(200, {
      token_type: "Bearer",
      expires_in: issued.expires_in,
      ext_expires_in: issued.expires_in,
      access_token: issued.access_token,
    })
  }

  private checkAssertion(jwt: string | undefined, audience: string): string | undefined {
    const parts = jwt?.split(".")
    if (!parts || parts.length !== 3) return "client_assertion is not a JWT"
    let header: Record<string, unknown>
    let claims: Record<string, unknown>
    try {
      header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString())
      claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString())
    } catch {
      return "client_assertion is not a JWT"
    }
    if (!/^(PS|ES)(256|384|512)$/.test(String(header.alg))) return `unsupported alg ${String(header.alg)}`
    if (!header.kid) return "kid (certificate id) missing"
    if (typeof claims.iss !== "string" || !claims.iss) return "iss (client id) missing"
    if (this.options.credentials && claims.iss !== this.options.credentials.clientId) return "unknown client"
    if (claims.aud !== audience) return `aud must be ${audience}`
    const scopes = Array.isArray(claims.scope) ? claims.scope : String(claims.scope ?? "").split(",")
    if (!scopes.map((s) => String(s).trim()).includes("rest_webservices")) return "scope must include rest_webservices"
    const enabled = this.options.netsuiteScopes
    if (enabled && scopes.some((s) => !enabled.includes(String(s).trim()))) return "ScopeMismatched"
    const now = Math.floor(Date.now() / 1000)
    const iat = Number(claims.iat)
    const exp = Number(claims.exp)
    if (!Number.isFinite(exp) || exp <= now) return "assertion expired"
    if (!Number.isFinite(iat) || exp - iat > 3600) return "exp must be less than 60 minutes after iat"
    if (this.options.netsuitePublicKey && !verifySignature(parts, String(header.alg), this.options.netsuitePublicKey))
      return "bad signature"
    return undefined
  }
}

function verifySignature(parts: string[], alg: string, key: KeyObject | string): boolean {
  const publicKey = typeof key === "string" ? createPublicKey(key) : key
  const data = Buffer.from(`${parts[0]}.${parts[1]}`)
  const signature = Buffer.from(parts[2]!, "base64url")
  const hash = `sha${alg.slice(2)}`
  if (alg.startsWith("ES")) return verify(hash, data, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature)
  return verify(
    hash,
    data,
    { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 },
    signature
  )
}

function oauthError(status: number, error: string, description?: string): Reply {
  return reply(status, { error, error_description: description ?? error })
}
