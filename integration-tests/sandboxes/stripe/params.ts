import { parseDecimal, type Decimal } from "./decimal"
import { invalidParam, missingParam } from "./errors"
import type { FormObject, FormValue } from "./form"

export type Metadata = Record<string, string>

/**
 * Typed, Stripe-flavoured access to one level of form parameters. Every error
 * names the full bracketed parameter (`lines[3][quantity]`) like Stripe does.
 */
export class Params {
  constructor(
    readonly data: FormObject,
    private readonly prefix = ""
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key
  }

  has(key: string): boolean {
    return this.data[key] !== undefined
  }

  string(key: string, required = false): string | undefined {
    const v = this.data[key]
    if (v === undefined) {
      if (required) throw missingParam(this.name(key))
      return undefined
    }
    if (typeof v !== "string") throw invalidParam(this.name(key), `Invalid string: ${this.name(key)} must be a string.`)
    if (required && v === "") throw missingParam(this.name(key))
    return v
  }

  requiredString(key: string): string {
    return this.string(key, true) as string
  }

  int(key: string, opts: { required?: boolean; min?: number } = {}): number | undefined {
    const text = this.string(key, opts.required)
    if (text === undefined) return undefined
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      throw invalidParam(this.name(key), `Invalid integer: ${text}`, "parameter_invalid_integer")
    }
    const n = Number(text)
    if (opts.min !== undefined && n < opts.min) {
      throw invalidParam(this.name(key), `Invalid ${this.name(key)}: must be greater than or equal to ${opts.min}`)
    }
    return n
  }

  bool(key: string): boolean | undefined {
    const text = this.string(key)
    if (text === undefined) return undefined
    if (text !== "true" && text !== "false") throw invalidParam(this.name(key), `Invalid boolean: ${text}`)
    return text === "true"
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const text = this.string(key)
    if (text === undefined) return undefined
    if (!(values as readonly string[]).includes(text)) {
      throw invalidParam(this.name(key), `Invalid ${this.name(key)}: must be one of ${values.join(", ")}`)
    }
    return text as T
  }

  decimal(key: string): Decimal | undefined {
    const text = this.string(key)
    if (text === undefined) return undefined
    const d = parseDecimal(text)
    if (!d) {
      throw invalidParam(this.name(key), `Invalid decimal: ${text}. Use a decimal with at most 12 decimal places.`)
    }
    return d
  }

  object(key: string, required = false): Params | undefined {
    const v = this.data[key]
    if (v === undefined || v === "") {
      if (required) throw missingParam(this.name(key))
      return undefined
    }
    if (!isObject(v)) throw invalidParam(this.name(key), `Invalid object: ${this.name(key)} must be a hash.`)
    return new Params(v, this.name(key))
  }

  /** Array of hashes; an empty string clears the field, like Stripe's "Emptyable" params. */
  objectArray(key: string, required = false): Params[] | undefined {
    const v = this.data[key]
    if (v === undefined || v === "") {
      if (required) throw missingParam(this.name(key))
      return v === "" ? [] : undefined
    }
    if (!Array.isArray(v)) throw invalidParam(this.name(key), `Invalid array: ${this.name(key)} must be an array.`)
    return v.map((item, i) => {
      const name = `${this.name(key)}[${i}]`
      if (!isObject(item)) throw invalidParam(name, `Invalid object: ${name} must be a hash.`)
      return new Params(item, name)
    })
  }

  /** `metadata[k]=v` pairs; "" (the whole field) means "clear all", an empty value unsets that key. */
  metadata(key = "metadata"): Metadata | "" | undefined {
    const v = this.data[key]
    if (v === undefined || v === "") return v
    if (!isObject(v)) throw invalidParam(this.name(key), `Invalid ${this.name(key)}: must be a hash of strings.`)
    const out: Metadata = {}
    for (const [k, value] of Object.entries(v)) {
      const name = `${this.name(key)}[${k}]`
      if (typeof value !== "string") throw invalidParam(name, `Invalid ${name}: metadata values must be strings.`)
      if (k.length > 40) throw invalidParam(name, `Invalid ${this.name(key)}: keys can be at most 40 characters.`)
      if (value.length > 500) throw invalidParam(name, `Invalid ${name}: values can be at most 500 characters.`)
      out[k] = value
    }
    return out
  }
}

function isObject(v: FormValue): v is FormObject {
  return typeof v === "object" && !Array.isArray(v)
}

/** Applies Stripe's metadata update rules onto `current` (returns a new object). */
export function mergeMetadata(current: Metadata, update: Metadata | "" | undefined): Metadata {
  if (update === undefined) return current
  if (update === "") return {}
  const next = { ...current }
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete next[k]
    else next[k] = v
  }
  if (Object.keys(next).length > 50) {
    throw invalidParam("metadata", "Invalid metadata: an object can have at most 50 metadata keys.")
  }
  return next
}
