// Plain HTTP for the demo's staff-side hops (the buyer side uses StoreClient).
export type Json = Record<string, any>

export async function call(
  url: string,
  init: RequestInit & { json?: unknown } = {}
): Promise<{ status: number; body: Json }> {
  const { json, ...rest } = init
  const res = await fetch(url, {
    ...rest,
    headers: {
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      ...(rest.headers as Record<string, string>),
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  })
  const text = await res.text()
  const body = text ? (JSON.parse(text) as Json) : {}
  if (res.status >= 400) throw new Error(`${rest.method ?? "GET"} ${new URL(url).pathname} → ${res.status} ${text}`)
  return { status: res.status, body }
}

/** Merchant staff's bearer header (Medusa's emailpass login). */
export async function staffHeaders(hubUrl: string, seed: any): Promise<Record<string, string>> {
  const { body } = await call(`${hubUrl}/auth/user/emailpass`, {
    method: "POST",
    json: { email: seed.admin.email, password: seed.admin.password },
  })
  return { authorization: `Bearer ${body.token}` }
}
