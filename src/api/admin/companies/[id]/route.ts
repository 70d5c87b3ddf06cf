import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteCompanyWorkflow } from "../../../../workflows/b2b/delete-company"
import { updateCompanyWorkflow } from "../../../../workflows/b2b/update-company"
import { refetchCompany } from "../helpers"
import type { AdminUpdateCompanyType } from "../validators"

/** GET /admin/companies/:id, with its employees and customer group. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ company: await refetchCompany(req.scope, req.params.id, req.queryConfig.fields) })
}

/** POST /admin/companies/:id: partial update; a parent that would create a cycle is refused. */
export async function POST(req: MedusaRequest<AdminUpdateCompanyType>, res: MedusaResponse) {
  await refetchCompany(req.scope, req.params.id, ["id"])
  await updateCompanyWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ company: await refetchCompany(req.scope, req.params.id) })
}

/** DELETE /admin/companies/:id: refused while it has child companies. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await deleteCompanyWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "company", deleted: true })
}
