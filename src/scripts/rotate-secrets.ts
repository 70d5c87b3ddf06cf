import type { ExecArgs } from "@medusajs/framework/types"
import type { ResealCount } from "../lib/crypto/reseal-count"
import { ERP_MODULE } from "../modules/erp"
import type ErpModuleService from "../modules/erp/service"
import { OUTBOX_MODULE } from "../modules/outbox"
import type OutboxModuleService from "../modules/outbox/service"

/**
 * `npm run secrets:rotate` (or `npx medusa exec ./src/scripts/rotate-secrets.ts`):
 * seals every secret stored at rest (webhook endpoint secrets, ERP connection
 * credentials, the OAuth signing keys) again under ENCRYPTION_KEY, opening
 * each with ENCRYPTION_KEY or ENCRYPTION_KEYS_PREVIOUS. Each module re-seals
 * its own rows in one transaction; running it again changes nothing. Prints
 * counts, never a secret. The procedure: README, "Rotating ENCRYPTION_KEY".
 */
export default async function rotateSecrets({ container }: ExecArgs): Promise<ResealCount[]> {
  const counts = [
    ...(await container.resolve<OutboxModuleService>(OUTBOX_MODULE).resealSecrets()),
    ...(await container.resolve<ErpModuleService>(ERP_MODULE).resealSecrets()),
  ]
  process.stdout.write(`${formatResealCounts(counts)}\n`)
  return counts
}

export function formatResealCounts(counts: ResealCount[]): string {
  return counts
    .map((c) => `${c.secrets}: ${c.resealed} re-sealed, ${c.unchanged} already under the current key`)
    .join("\n")
}
