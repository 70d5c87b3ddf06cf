import { adminDecideAs } from "../../decide"

/** POST /admin/approval-requests/:id/approve { comment? } */
export const POST = adminDecideAs("approved")
