import kafkajs from 'kafkajs'

// kafkajs is CommonJS: Node's ESM loader cannot see these as named exports.
const { Kafka } = kafkajs

/**
 * True when @opentelemetry/instrumentation-kafkajs has patched kafkajs (it wraps `Kafka.prototype.producer`
 * and `consumer` through shimmer, which marks a wrapped function `__wrapped`). kafkakit then creates no
 * spans of its own, so each send and each processed record has exactly one span.
 */
export function isKafkajsInstrumented(): boolean {
  const producer = Kafka.prototype.producer as { __wrapped?: unknown }
  return producer.__wrapped === true
}
