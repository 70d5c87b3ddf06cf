// Jest's Map mock breaks MikroORM metadata cloning (medusajs/medusa#9350).
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()

// PROPERTY_RUNS_SCALE (the quick `npm run test:unit` lane sets 0.1): property
// tests run that share of their runs (at least 20). `npm test` runs them all.
const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? 1)
if (scale > 0 && scale < 1) {
  const fc = require("fast-check")
  const assertProperty = fc.assert
  fc.assert = (property, params) =>
    assertProperty(
      property,
      params?.numRuns
        ? { ...params, numRuns: Math.max(20, Math.ceil(params.numRuns * scale)) }
        : { ...params, numRuns: 20 }
    )
}
