import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { describeIssues } from "../../utils/validate-body"
import { StoreProductsPricingQuantity } from "./validators"

/**
 * `GET /store/products?quantity=` and `GET /store/products/:id?quantity=`.
 *
 * Medusa 2.21 prices by quantity (the pricing module matches
 * `min_quantity`/`max_quantity` against a `quantity` in the pricing context;
 * without one it only considers prices for a single unit), and its cart
 * passes each line's quantity. Its store product routes put no quantity in
 * the pricing context and refuse unknown query fields (a strict schema), so
 * a volume tier could never show on a product page. Two middlewares fix that:
 *
 * 1. `takePricingQuantity` runs before Medusa's own middlewares of these
 *    routes (a middleware without a method is registered first): it checks
 *    `quantity` (400 `quantity: must be a whole number ≥ 1`), removes it from
 *    the query so Medusa's validator accepts the rest, and keeps it for…
 * 2. `applyPricingQuantity`, which runs after Medusa's setPricingContext
 *    (project middlewares of a route come after Medusa's) and adds it to
 *    `req.pricingContext`, which the route hands to `calculated_price`.
 *
 * Without `?quantity=` nothing changes.
 */
const pricingQuantities = new WeakMap<MedusaRequest, number>()

export function takePricingQuantity(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  if (req.method !== "GET" || !req.query || !("quantity" in req.query)) return next()
  const parsed = StoreProductsPricingQuantity.safeParse({ quantity: req.query.quantity })
  if (!parsed.success) {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        describeIssues(parsed.error.issues, { quantity: req.query.quantity })
      )
    )
  }
  delete req.query.quantity
  if (parsed.data.quantity !== undefined) pricingQuantities.set(req, parsed.data.quantity)
  next()
}

export function applyPricingQuantity(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const quantity = pricingQuantities.get(req)
  const context = (req as MedusaRequest & { pricingContext?: Record<string, unknown> }).pricingContext
  if (quantity !== undefined && context) context.quantity = quantity
  next()
}

export const storeProductsMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/products", middlewares: [takePricingQuantity] },
  { matcher: "/store/products", method: ["GET"], middlewares: [applyPricingQuantity] },
  { matcher: "/store/products/:id", method: ["GET"], middlewares: [applyPricingQuantity] },
]
