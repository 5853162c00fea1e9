/**
 * For kafkakit's own packages only: no semver promise. Applications import from '@kafkakit/core'.
 */
export { createKafkajsAdmin as createAdmin } from './kafkajs/kafkajs-admin.js'
export { bootstrapFromEnv } from './options/bootstrap-from-env.js'
export { parseOptions } from './options/parse-options.js'
