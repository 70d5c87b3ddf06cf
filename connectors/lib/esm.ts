/**
 * Loader for jose, which is ESM-only since v6.
 *
 * backy compiles to CommonJS. Node 20.19+ can `require()` ESM, but jest's CommonJS runtime cannot;
 * a genuine dynamic `import()` works in both. The Function wrapper keeps the TypeScript/SWC
 * CommonJS transform from rewriting that `import()` into `require()`. Its source carries a nonce:
 * V8 caches compiled Function bodies by source, and a cached one would keep resolving imports
 * through the first jest test file's (torn-down) module loader.
 *
 * @module
 */
import { randomUUID } from "node:crypto"
import type * as Jose from "jose" with { "resolution-mode": "import" }

export type JoseModule = typeof Jose

const importEsm = new Function("specifier", `return import(specifier) /* ${randomUUID()} */`) as (specifier: string) => Promise<unknown>

let jose: Promise<JoseModule> | undefined

export function loadJose(): Promise<JoseModule> {
  jose ??= importEsm("jose") as Promise<JoseModule>
  return jose
}
