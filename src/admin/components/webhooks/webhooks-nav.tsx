import { Button } from "@medusajs/ui"
import { Link, useLocation } from "react-router-dom"

const SECTIONS = [
  { to: "/webhooks", label: "Partners" },
  { to: "/webhooks/endpoints", label: "Endpoints" },
  { to: "/webhooks/deliveries", label: "Delivery log" },
]

/** The webhook pages' own tabs, so each is one click from the others. */
export const WebhooksNav = () => {
  const { pathname } = useLocation()
  const current = (to: string) => (to === "/webhooks" ? /\/webhooks\/?$/.test(pathname) : pathname.includes(to))
  return (
    <nav aria-label="Webhooks" className="flex gap-2">
      {SECTIONS.map((s) => (
        <Button key={s.to} asChild size="small" variant={current(s.to) ? "secondary" : "transparent"}>
          <Link to={s.to}>{s.label}</Link>
        </Button>
      ))}
    </nav>
  )
}
