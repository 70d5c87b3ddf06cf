// `npm run build`, after `medusa build`: Medusa writes the dashboard into
// .medusa/server/public/admin (for an image that runs from .medusa/server), but
// `medusa start` run from the repository root (npm start, the demo, the
// browser tests) serves ./public/admin. Copy it there.
//
// A running server keeps the index.html it read at start, so the files that
// page names must outlive a rebuild: files of earlier builds stay for an hour.
const { cpSync, existsSync, readdirSync, rmSync, statSync } = require("node:fs")
const { join, relative } = require("node:path")

const KEEP_EARLIER_BUILDS_MS = 60 * 60 * 1000
const root = join(__dirname, "..")
const built = join(root, ".medusa/server/public/admin")
const served = join(root, "public/admin")
if (!existsSync(join(built, "index.html"))) {
  console.error(`publish-dashboard: no dashboard build in ${built} (is ADMIN_DASHBOARD=false?)`)
  process.exit(1)
}

const files = (dir) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile()) : []
const current = new Set(files(built))
cpSync(built, served, { recursive: true })
const now = Date.now()
for (const file of files(served)) {
  const path = join(served, file)
  if (!current.has(file) && now - statSync(path).mtimeMs > KEEP_EARLIER_BUILDS_MS) rmSync(path)
}
console.log(
  `publish-dashboard: the dashboard is in ${relative(process.cwd(), served) || "."}, served at /app by npm start`
)
