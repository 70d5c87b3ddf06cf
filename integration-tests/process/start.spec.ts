import { cleanEnv, runCommand } from "./run"

jest.setTimeout(120_000)

describe("medusa start with bad configuration", () => {
  it.each([
    ["WORKER_MODE", "both"],
    ["DATABASE_URL", "mysql://localhost/backy"],
    ["STRIPE_API_KEY", "pk_test_publishable"],
    ["HUB_QUEUE_PREFIX", "acme:staging"],
  ])("fails at start naming %s", async (variable, value) => {
    const { code, output } = await runCommand(
      "npx",
      ["medusa", "start", "--port", "0"],
      cleanEnv({ [variable]: value }),
      90_000
    )
    expect(code).not.toBe(0)
    expect(output).toContain(`Invalid configuration: ${variable}`)
  })
})
