/**
 * `npm run openapi [-- <dir>]`: writes backy's OpenAPI 3.1 documents, the
 * same ones the hub serves (src/api/openapi), to <dir> (default
 * .medusa/openapi): erp.json (GET /erp/openapi.json), partners.json
 * (/partners/openapi.json), store.json (/store/b2b/openapi.json) and
 * staff.json (/admin/openapi.json, every route and event).
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { publishedDocument } from "../src/api/openapi/published"
import type { Audience } from "../src/api/openapi/operation"

const AUDIENCES: Audience[] = ["erp", "partners", "store", "staff"]

function main(): void {
  const dir = resolve(process.argv[2] ?? ".medusa/openapi")
  mkdirSync(dir, { recursive: true })
  for (const audience of AUDIENCES) {
    const file = join(dir, `${audience}.json`)
    const document = publishedDocument(audience)
    writeFileSync(file, JSON.stringify(document, null, 2) + "\n")
    console.log(`${file}: ${Object.keys(document.paths).length} paths`)
  }
}

main()
