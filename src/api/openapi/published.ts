import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Audience } from "./operation"
import { buildOpenApiDocument, type OpenApiDocument } from "./document"
import { OPERATIONS } from "./operations"

const documents = new Map<Audience, OpenApiDocument>()

/** The document of one audience, built once per process (the schemas do not change while it runs). */
export function publishedDocument(audience: Audience): OpenApiDocument {
  let document = documents.get(audience)
  if (!document) {
    document = buildOpenApiDocument(audience, OPERATIONS, hubVersion())
    documents.set(audience, document)
  }
  return document
}

function hubVersion(): string {
  // package.json sits at the repository root, above src/ (or .medusa/server/ once built, which copies it).
  for (const up of ["../../..", "../../../.."]) {
    try {
      return JSON.parse(readFileSync(join(__dirname, up, "package.json"), "utf8")).version
    } catch {
      // try the next level
    }
  }
  return "0.0.0"
}
