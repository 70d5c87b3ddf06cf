/**
 * The staff PDF route of a version. A plain link: the browser sends the
 * dashboard's session cookie with it, as it does for the API calls (same
 * origin, or VITE_BACKEND_URL as the SDK uses).
 */
export function quotePdfUrl(quoteId: string, version: number) {
  const backend = String(import.meta.env.VITE_BACKEND_URL || "").replace(/\/$/, "")
  return `${backend}/admin/quotes/${quoteId}/versions/${version}/pdf`
}
