// Jest's Map mock breaks MikroORM metadata cloning (medusajs/medusa#9350).
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()
