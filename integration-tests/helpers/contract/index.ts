import type { AxiosInstance, AxiosResponse } from "axios"
import { OPERATIONS } from "../../../src/api/openapi/operations"
import { publishedDocument } from "../../../src/api/openapi/published"
import { ContractValidator, type ContractViolation } from "./validator"

/**
 * Contract tests: every answer an HTTP spec receives from backy's routes,
 * through the runner's `api` or `fetch` (StoreClient, the specs' own calls), is checked against the staff
 * OpenAPI document (every operation is in it). A violation does not change
 * what the test sees; the spec fails after its tests with the list
 * (medusa-test-utils.js registers the check), so the document cannot drift
 * from the code.
 */
let validator: ContractValidator | undefined
const violations: ContractViolation[] = []

function contract(): ContractValidator {
  validator ??= new ContractValidator(publishedDocument("staff"), OPERATIONS)
  return validator
}

export function checkAnswer(method: string, path: string, status: number, contentType: unknown, body: unknown) {
  const violation = contract().check(
    method,
    path,
    status,
    typeof contentType === "string" ? contentType : undefined,
    body
  )
  if (violation) violations.push(violation)
}

export function contractViolations(): ContractViolation[] {
  return violations.splice(0)
}

const checked = new WeakSet<object>()

/** The runner's api proxy, its axios instance checking every answer (installed once the app has started). */
export function contractCheckedApi(api: AxiosInstance): AxiosInstance {
  return new Proxy(api, {
    get(target, prop) {
      const interceptors = target.interceptors
      if (interceptors && !checked.has(interceptors)) {
        checked.add(interceptors)
        interceptors.response.use(
          (res) => (checkAxiosAnswer(res), res),
          (error) => {
            if (error?.response) checkAxiosAnswer(error.response)
            return Promise.reject(error)
          }
        )
      }
      return (target as unknown as Record<PropertyKey, unknown>)[prop]
    },
  })
}

function checkAxiosAnswer(res: AxiosResponse) {
  const url = new URL(res.config.url ?? "/", "http://x")
  checkAnswer(res.config.method ?? "get", url.pathname, res.status, res.headers["content-type"], res.data)
}

const pending = new Set<Promise<void>>()

/**
 * fetch, checking the answers of the app under test (the specs' own calls and
 * StoreClient's): `appOrigin()` is known once the app has started.
 */
export function checkFetchAnswers(appOrigin: () => string | undefined) {
  const fetchOfNode = globalThis.fetch
  globalThis.fetch = async function fetchCheckingContract(input, init) {
    const res = await fetchOfNode(input, init)
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.origin === appOrigin()) {
      const method = init?.method ?? (input instanceof Request ? input.method : "GET")
      const check = readBody(res.clone()).then((body) =>
        checkAnswer(method, url.pathname, res.status, res.headers.get("content-type"), body)
      )
      pending.add(check)
      void check.finally(() => pending.delete(check))
    }
    return res
  }
}

/** Waits for the checks of answers still being read. */
export async function settled(): Promise<void> {
  await Promise.allSettled([...pending])
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => "")
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

/** A readable failure for the spec's end. */
export function describeViolations(list: ContractViolation[]): string {
  const unique = [...new Map(list.map((v) => [`${v.request} ${v.status} ${v.problem}`, v])).values()]
  return (
    `${unique.length} answer(s) differ from the OpenAPI document (src/api/**/openapi.ts):\n` +
    unique.map((v) => `  ${v.request} → ${v.status}: ${v.problem}`).join("\n")
  )
}
