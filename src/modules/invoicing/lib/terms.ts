/** Days from finalization to the due date, per contract payment terms. */
const DAYS: Record<string, number> = {
  due_on_receipt: 0,
  net_7: 7,
  net_15: 15,
  net_30: 30,
  net_45: 45,
  net_60: 60,
  net_90: 90,
}

export function daysUntilDue(terms: string): number {
  const days = DAYS[terms]
  if (days === undefined) throw new Error(`Unknown payment terms "${terms}"`)
  return days
}
