import { kafkakitGlobalSetup } from '@kafkakit/testing/vitest'

/** One real Kafka broker for every integration test of this repository. */
export default kafkakitGlobalSetup()
