import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateErpConnectionWorkflow } from "../update-erp-connection"
import { updateErpConnectionStep, type UpdateErpConnectionStepInput } from "../steps/update-erp-connection"

const stored = {
  id: "erpc_1",
  name: "NetSuite",
  kind: "netsuite",
  settings: { accountId: "A1" },
  credentials_encrypted: "v1.sealed-before",
  enabled: true,
  concurrency: 10,
  max_attempts: 12,
  retry_base_ms: 5000,
}

function fakeErp() {
  const erp = {
    validateConnector: jest.fn(async () => undefined),
    retrieveErpConnection: jest.fn(async () => ({ ...stored })),
    updateConnection: jest.fn(async (id: string, changes: object) => ({ ...stored, ...changes, id })),
    updateErpConnections: jest.fn(async (data: object) => data),
  }
  const container = createMedusaContainer()
  container.register({ erp: asValue(erp) })
  return { container, erp }
}

describe("updateErpConnectionWorkflow", () => {
  it("builds the connector first when settings or credentials change", async () => {
    const { container, erp } = fakeErp()
    await updateErpConnectionWorkflow(container).run({
      input: { id: "erpc_1", settings: { accountId: "A2" }, credentials: null },
    })
    expect(erp.validateConnector).toHaveBeenCalledWith(
      expect.objectContaining({ id: "erpc_1", settings: { accountId: "A2" }, credentials: null })
    )
    expect(erp.updateConnection).toHaveBeenCalledWith("erpc_1", { settings: { accountId: "A2" }, credentials: null })
  })

  it("does not build the connector for other changes", async () => {
    const { container, erp } = fakeErp()
    await updateErpConnectionWorkflow(container).run({ input: { id: "erpc_1", enabled: false, concurrency: 2 } })
    expect(erp.validateConnector).not.toHaveBeenCalled()
    expect(erp.updateConnection).toHaveBeenCalledWith("erpc_1", { enabled: false, concurrency: 2 })
  })
})

describe("updateErpConnectionStep", () => {
  const failing = createStep("fail-after-connection-update-step", async () => {
    throw new Error("later step failed")
  })
  const workflow = createWorkflow("test-update-erp-connection-compensation", (input: UpdateErpConnectionStepInput) => {
    updateErpConnectionStep(input)
    failing()
    return new WorkflowResponse(undefined)
  })

  it("writes back exactly the values it overwrote, the sealed credentials included, when a later step fails", async () => {
    const { container, erp } = fakeErp()
    await expect(
      workflow(container).run({ input: { id: "erpc_1", enabled: false, credentials: { token: "new" } } })
    ).rejects.toMatchObject({ message: "later step failed" })
    expect(erp.updateErpConnections).toHaveBeenCalledWith({
      id: "erpc_1",
      enabled: true,
      credentials_encrypted: "v1.sealed-before",
    })
  })
})
