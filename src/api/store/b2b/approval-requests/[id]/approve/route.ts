import { decideAs } from "../../decide"

/** POST /store/b2b/approval-requests/:id/approve { comment? } — approving the last level places the order. */
export const POST = decideAs("approved")
