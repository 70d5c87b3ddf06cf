import { useMutation, useQuery, useQueryClient, keepPreviousData } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type Query = Record<string, string | number | boolean | string[] | undefined>
type Method = "POST" | "DELETE"

/** Drops empty filters so that "any" in a select does not send `status=`. */
function compact(query: Query | undefined): Query | undefined {
  if (!query) return undefined
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""))
}

/**
 * GET an admin route. The query key is the path plus its query, so every page
 * showing the same resource shares the cache, and a mutation invalidates by
 * path prefix (see useAdminAction).
 */
export function useAdminGet<T>(path: string | null, query?: Query, options: { refetchMs?: number } = {}) {
  return useQuery({
    queryKey: ["backy", path, compact(query)],
    queryFn: () => sdk.client.fetch<T>(path!, { query: compact(query) }),
    enabled: path !== null,
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchMs,
  })
}

/**
 * POST or DELETE an admin route, then refetch every cached GET whose path
 * starts with one of `invalidates` (for example "/admin/erp" after a retry).
 */
export function useAdminAction<TBody, TResult = unknown>(
  method: Method,
  path: string | ((body: TBody) => string),
  invalidates: string[]
) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: TBody) => {
      const url = typeof path === "function" ? path(body) : path
      return sdk.client.fetch<TResult>(url, {
        method,
        body: method === "POST" ? (body ?? {}) : undefined,
      })
    },
    onSuccess: () =>
      client.invalidateQueries({
        predicate: (q) =>
          q.queryKey[0] === "backy" && invalidates.some((prefix) => String(q.queryKey[1] ?? "").startsWith(prefix)),
      }),
  })
}

/** The message a person should read for a failed call: the API's own text, with its status. */
export function errorText(error: unknown): string {
  if (!error) return ""
  const e = error as { status?: number; message?: string }
  const status = e.status ? `${e.status}: ` : ""
  return `${status}${e.message || "the request failed"}`
}
