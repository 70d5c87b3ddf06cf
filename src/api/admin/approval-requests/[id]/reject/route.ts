import { adminDecideAs } from "../../decide"

/** POST /admin/approval-requests/:id/reject { comment? } */
export const POST = adminDecideAs("rejected")
