/**
 * The baselines' delivery: one Standard Webhooks–signed POST through an
 * undici keep-alive agent, the body drained. Shared by the naive and the
 * pg-boss workers so both do exactly the same request.
 */
import { type Agent, request } from "undici"
import { signatureHeaders } from "../../webhooks"

export type SignedDelivery = { id: string; url: string; body: string; secret: string }

/** Sends the delivery; resolves with the receiver's status. */
export async function signedPost(agent: Agent, userAgent: string, delivery: SignedDelivery): Promise<number> {
  const { id, url, body, secret } = delivery
  const headers = signatureHeaders({ id, timestamp: Math.floor(Date.now() / 1000), body, secrets: [secret] })
  const res = await request(url, {
    method: "POST",
    dispatcher: agent,
    headers: { ...headers, "content-type": "application/json", "user-agent": userAgent },
    body,
  })
  await res.body.dump()
  return res.statusCode
}
