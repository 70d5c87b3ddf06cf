import { decideAs } from "../../decide"

/** POST /store/b2b/approval-requests/:id/reject { comment? } — the cart unlocks; the buyer may change it and ask again. */
export const POST = decideAs("rejected")
