// ESLint (flat config): typescript-eslint's recommended rules. Prettier owns
// formatting (.prettierrc.json), so there are no stylistic rules here.
import js from "@eslint/js"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  { ignores: ["node_modules/", ".medusa/", "public/", "coverage/", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // App code (src/, connectors/, webhooks/) has no `any`: narrow from
      // `unknown`, use Medusa's types or a local row type. Where Medusa's
      // types force one, disable the rule on that line and say why.
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The dashboard's pages run in the browser (src/admin, bundled by Medusa's Vite build).
    files: ["src/admin/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests, sandboxes, benches and scripts read untyped JSON from HTTP answers.
    files: ["**/__tests__/**", "**/test/**", "integration-tests/**", "bench/**", "scripts/**"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // CommonJS configuration files jest loads as they are.
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  }
)
