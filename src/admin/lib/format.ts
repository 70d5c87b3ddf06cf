import { toMajorString } from "../../lib/money/to-major-string"

/** Integer minor units (number, string or bigint as the API sends them) → "1,234.50 USD". */
export function formatMinor(minor: number | string | bigint | null | undefined, currency: string | null | undefined) {
  if (minor === null || minor === undefined || !currency) return "—"
  const major = toMajorString(BigInt(minor), currency)
  const [whole, fraction] = major.split(".")
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${currency.toUpperCase()}`
}

/** A timestamp as the person's locale shows it; "—" for none. */
export function formatDate(value: string | Date | null | undefined) {
  if (!value) return "—"
  return new Date(value).toLocaleString()
}
