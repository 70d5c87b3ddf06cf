/** Parses a JSON object typed into a form; throws a sentence naming the field when it is not one. */
export function parseJsonObject(field: string, text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new Error(`${field}: not valid JSON`)
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error(`${field}: must be a JSON object`)
  return value as Record<string, unknown>
}
