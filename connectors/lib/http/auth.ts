/**
 * Request authentication: static bearer/basic credentials and an OAuth2 client-credentials token
 * cache. Every secret a provider handles is registered with the redactor before it is used.
 *
 * @module
 */
import { detailsOf, ErpAuthError, ErpConfigError, ErpPermanentError, isErpError } from "../errors"
import type { Redactor } from "../redact"
import type { HttpClient } from "./client"

export interface AuthProvider {
  /** Adds credentials to `headers`; returns the credential used, for `invalidate`. */
  authorize(headers: Record<string, string>): Promise<string | undefined>
  /**
   * Called when the ERP answered 401 to `used`. Returns true if a fresh credential may succeed
   * (the request is then sent once more); static credentials return false.
   */
  invalidate(used: string | undefined): boolean
}

export class BearerAuth implements AuthProvider {
  constructor(
    private readonly token: string,
    redactor: Redactor
  ) {
    if (!token) throw new ErpConfigError("Bearer auth needs a token")
    redactor.add(token)
  }

  async authorize(headers: Record<string, string>): Promise<string> {
    headers.Authorization = `Bearer ${this.token}`
    return this.token
  }

  invalidate(): boolean {
    return false
  }
}

export class BasicAuth implements AuthProvider {
  private readonly header: string

  constructor(username: string, password: string, redactor: Redactor) {
    if (!username) throw new ErpConfigError("Basic auth needs a username")
    const encoded = Buffer.from(`${username}:${password ?? ""}`).toString("base64")
    redactor.add(password, encoded)
    this.header = `Basic ${encoded}`
  }

  async authorize(headers: Record<string, string>): Promise<string> {
    headers.Authorization = this.header
    return this.header
  }

  invalidate(): boolean {
    return false
  }
}

export interface OAuth2ClientCredentialsOptions {
  tokenUrl: string
  clientId: string
  clientSecret?: string
  /** Where the client secret goes: form body (default) or an HTTP Basic header. */
  clientAuthentication?: "body" | "basic"
  scope?: string
  audience?: string
  /** Extra form fields per token request, e.g. NetSuite's signed `client_assertion`. */
  extraParams?: () => Promise<Record<string, string>>
  /** Refresh this long before the token expires. Default 60. */
  skewSeconds?: number
  /** Token lifetime assumed when the response has no `expires_in`. Default 3600. */
  defaultExpiresInSeconds?: number
  /** Client for the token endpoint: no auth, no breaker, same retries and redaction. */
  transport: HttpClient
  redactor: Redactor
  now: () => number
}

interface CachedToken {
  accessToken: string
  refreshAtMs: number
}

/**
 * Client-credentials token cache. Concurrent callers share one token request (single flight);
 * the token is refreshed `skewSeconds` before it expires; a 401 invalidates only the token that
 * failed, so ten requests failing with the same stale token trigger one refresh, not ten.
 */
export class OAuth2ClientCredentials implements AuthProvider {
  private cached?: CachedToken
  private inflight?: Promise<CachedToken>
  /** Tokens registered with the redactor; the two newest stay (one may still be in flight). */
  private readonly redactedTokens: string[] = []
  /** Token requests made so far (for health output and tests). */
  tokenRequests = 0

  constructor(private readonly options: OAuth2ClientCredentialsOptions) {
    if (!options.tokenUrl) throw new ErpConfigError("OAuth2 needs a tokenUrl")
    if (!options.clientId) throw new ErpConfigError("OAuth2 needs a clientId")
    options.redactor.add(options.clientSecret)
  }

  async authorize(headers: Record<string, string>): Promise<string> {
    const token = await this.getAccessToken()
    headers.Authorization = `Bearer ${token}`
    return token
  }

  invalidate(used: string | undefined): boolean {
    if (this.cached && this.cached.accessToken === used) this.cached = undefined
    return true
  }

  async getAccessToken(): Promise<string> {
    if (this.cached && this.options.now() < this.cached.refreshAtMs) return this.cached.accessToken
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = undefined
    })
    return (await this.inflight).accessToken
  }

  private async fetchToken(): Promise<CachedToken> {
    const o = this.options
    this.tokenRequests += 1
    const form: Record<string, string> = { grant_type: "client_credentials" }
    const headers: Record<string, string> = {}
    if (o.clientSecret && o.clientAuthentication === "basic") {
      const encoded = Buffer.from(`${encodeURIComponent(o.clientId)}:${encodeURIComponent(o.clientSecret)}`).toString(
        "base64"
      )
      o.redactor.add(encoded)
      headers.Authorization = `Basic ${encoded}`
    } else {
      form.client_id = o.clientId
      if (o.clientSecret) form.client_secret = o.clientSecret
    }
    if (o.scope) form.scope = o.scope
    if (o.audience) form.audience = o.audience
    // Per-request values (a signed client assertion) are secrets only while the request runs.
    const extra = o.extraParams ? await o.extraParams() : {}
    o.redactor.add(...Object.values(extra))
    Object.assign(form, extra)

    let data: unknown
    try {
      const res = await o.transport.request({
        operation: "token",
        method: "POST",
        url: o.tokenUrl,
        form,
        headers,
        auth: false,
        idempotent: true,
      })
      data = res.data
    } catch (e) {
      // The token endpoint's 400/401 (invalid_client, invalid_grant…) means the credentials are wrong.
      if (
        isErpError(e) &&
        e instanceof ErpPermanentError &&
        !(e instanceof ErpAuthError) &&
        (e.status === 400 || e.status === 401)
      ) {
        throw new ErpAuthError(e.message, detailsOf(e))
      }
      throw e
    } finally {
      o.redactor.remove(...Object.values(extra))
    }

    const body = (data ?? {}) as Record<string, unknown>
    const accessToken = typeof body.access_token === "string" ? body.access_token : undefined
    if (!accessToken) {
      throw new ErpAuthError(`${o.transport.name} token: the token endpoint answered without an access_token`, {
        connector: o.transport.name,
        operation: "token",
      })
    }
    o.redactor.add(accessToken)
    this.redactedTokens.push(accessToken)
    while (this.redactedTokens.length > 2) {
      const old = this.redactedTokens.shift()
      if (!this.redactedTokens.includes(old!)) o.redactor.remove(old)
    }
    const expiresIn = Number(body.expires_in ?? o.defaultExpiresInSeconds ?? 3600)
    const lifetimeS = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : (o.defaultExpiresInSeconds ?? 3600)
    const skewS = Math.min(o.skewSeconds ?? 60, lifetimeS / 2)
    return (this.cached = { accessToken, refreshAtMs: o.now() + (lifetimeS - skewS) * 1000 })
  }
}
