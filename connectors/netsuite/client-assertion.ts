/**
 * The JWT client assertion of NetSuite's OAuth 2.0 client-credentials (M2M) flow: signed with
 * the private key of the certificate mapped to the integration, `kid` = that certificate's id.
 * See Oracle's "The Request Token Structure" (section_162790605110).
 *
 * @module
 */
import { createPrivateKey, randomUUID, type KeyObject } from "node:crypto"
import { ErpConfigError } from "../lib/errors"
import { SignJWT } from "jose"

export type NetSuiteSigningAlgorithm = "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512"

// REST web services only: the assertion's scopes must all be checked on the integration record, or
// NetSuite refuses the token (Login Audit Trail detail "ScopeMismatched", Oracle "The Refresh Token
// Request Error Messages in the Login Audit Trail", subsect_158711928134), and this adapter calls no
// RESTlet. Connections that need more set `settings.scopes`.
export const NETSUITE_DEFAULT_SCOPES: readonly string[] = ["rest_webservices"]

// NetSuite rejects an assertion whose exp is 60 minutes or more after iat; a fresh one is signed
// for every token request, so a short life costs nothing.
const ASSERTION_LIFETIME_SECONDS = 300

export interface ClientAssertionOptions {
  clientId: string
  certificateId: string
  privateKey: KeyObject
  algorithm: NetSuiteSigningAlgorithm
  /** The token endpoint URL; it is the assertion's audience. */
  tokenUrl: string
  scopes: readonly string[]
  nowMs: number
}

/** Parses a PEM private key (PKCS#8, PKCS#1 or SEC1); throws `ErpConfigError` without echoing it. */
export function importPrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem)
  } catch {
    throw new ErpConfigError("netsuite: credentials.privateKey is not a readable PEM private key")
  }
}

/** PS256 for RSA keys, ES256/384/512 for EC keys by curve. */
export function defaultAlgorithm(key: KeyObject): NetSuiteSigningAlgorithm {
  if (key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss") return "PS256"
  if (key.asymmetricKeyType === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve
    if (curve === "secp384r1") return "ES384"
    if (curve === "secp521r1") return "ES512"
    return "ES256"
  }
  throw new ErpConfigError(`netsuite: unsupported certificate key type ${String(key.asymmetricKeyType)}; use RSA or EC`)
}

export async function createClientAssertion(o: ClientAssertionOptions): Promise<string> {
  const iat = Math.floor(o.nowMs / 1000)
  return new SignJWT({ scope: [...o.scopes] })
    .setProtectedHeader({ alg: o.algorithm, typ: "JWT", kid: o.certificateId })
    .setIssuer(o.clientId)
    .setAudience(o.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(o.privateKey)
}
