import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteContractWorkflow } from "../../../../workflows/b2b/delete-contract"
import { updateContractWorkflow } from "../../../../workflows/b2b/update-contract"
import { refetchContract } from "../helpers"
import type { AdminUpdateContractType } from "../validators"

/** GET /admin/contracts/:id, including its rules. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ contract: await refetchContract(req.scope, req.params.id, req.queryConfig.fields) })
}

/** POST /admin/contracts/:id: terms only (company and currency are fixed; rules have their own routes). */
export async function POST(req: MedusaRequest<AdminUpdateContractType>, res: MedusaResponse) {
  await updateContractWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ contract: await refetchContract(req.scope, req.params.id) })
}

/** DELETE /admin/contracts/:id, with its rules. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await deleteContractWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "contract", deleted: true })
}
