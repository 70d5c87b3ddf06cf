/**
 * JSON with exact decimal numbers. ERPs take money as JSON numbers; going through a JS number
 * would round anything past 2^53 minor units, so a `JsonDecimal` is written out verbatim.
 *
 * @module
 */

const DECIMAL = /^-?\d+(\.\d+)?$/

/** A decimal literal emitted as a bare JSON number, digit for digit. */
export class JsonDecimal {
  constructor(readonly text: string) {
    if (!DECIMAL.test(text)) throw new TypeError(`Not a decimal literal: ${JSON.stringify(text)}`)
  }

  toJSON(): number {
    // Only reached through plain JSON.stringify (e.g. a logger); stringifyJson never calls it.
    return Number(this.text)
  }
}

/** `JSON.stringify` that writes `JsonDecimal`s verbatim and drops `undefined` members. */
export function stringifyJson(value: unknown): string {
  if (value instanceof JsonDecimal) return value.text
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value)
    return text === undefined ? "null" : text
  }
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(",")}]`
  const members: string[] = []
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === "function") continue
    members.push(`${JSON.stringify(key)}:${stringifyJson(member)}`)
  }
  return `{${members.join(",")}}`
}
