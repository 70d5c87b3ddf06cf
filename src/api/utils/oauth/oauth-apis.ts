import type { MedusaContainer } from "@medusajs/framework/types"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import type { PullClientAccess } from "../../../modules/erp/service"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import type { OAuthApiService, OAuthClient } from "../../../lib/oauth/oauth-api-service"

/**
 * An API we host for machines with OAuth 2.0 client credentials: its token
 * endpoint, JWKS and bearer guard are the shared ones of this folder, fed by
 * the module that keeps its clients and signing keys.
 */
export type OAuthApi<Client extends OAuthClient> = {
  /** The rate limiter counts client_ids per API: the same id at another API is another client. */
  name: "erp" | "partners"
  /** The realm of the API's `WWW-Authenticate` challenges (Basic at the token endpoint, Bearer elsewhere). */
  realm: string
  /** The module service behind the API (typed here, so a module missing a method fails to compile). */
  service(scope: MedusaContainer): OAuthApiService<Client>
}

/** /erp: ERP systems pulling orders (pull clients of the erp module). */
export const ERP_OAUTH_API: OAuthApi<PullClientAccess> = {
  name: "erp",
  realm: "backy-erp",
  service: (scope) => scope.resolve<ErpModuleService>(ERP_MODULE),
}

/** /partners: partners managing their webhooks (partners of the outbox module). */
export const PARTNER_OAUTH_API: OAuthApi<OAuthClient> = {
  name: "partners",
  realm: "backy-partners",
  service: (scope) => scope.resolve<OutboxModuleService>(OUTBOX_MODULE),
}
