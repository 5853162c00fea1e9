import { kafkakitGlobalSetup } from '@kafkakit/testing/vitest'

/** Kafka (shared with the integration project) plus a real schema registry, for the tests that need one. */
export default kafkakitGlobalSetup({ schemaRegistry: true })
