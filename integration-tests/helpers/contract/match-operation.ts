import type { Operation } from "../../../src/api/openapi/operation"

/**
 * Finds the documented operation a request was answered by: same method,
 * path template matching segment by segment, a static segment preferred to a
 * parameter (as the router does: /admin/invoices/drift before /admin/invoices/{id}).
 */
export class OperationIndex {
  private readonly byMethod = new Map<string, { op: Operation; segments: string[] }[]>()

  constructor(operations: Operation[]) {
    for (const op of operations) {
      const list = this.byMethod.get(op.method) ?? []
      list.push({ op, segments: op.path.split("/").filter(Boolean) })
      this.byMethod.set(op.method, list)
    }
  }

  find(method: string, path: string): Operation | undefined {
    const segments = path.split("?")[0].split("/").filter(Boolean)
    let best: { op: Operation; score: number } | undefined
    for (const candidate of this.byMethod.get(method.toLowerCase()) ?? []) {
      const score = matchScore(candidate.segments, segments)
      if (score !== undefined && (!best || score > best.score)) best = { op: candidate.op, score }
    }
    return best?.op
  }
}

/** Static segments matched, or undefined when the template does not match. */
function matchScore(template: string[], segments: string[]): number | undefined {
  if (template.length !== segments.length) return undefined
  let score = 0
  for (let i = 0; i < template.length; i++) {
    if (template[i].startsWith("{")) continue
    if (template[i] !== safeDecode(segments[i])) return undefined
    score++
  }
  return score
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
