import zlib from 'node:zlib'
import { defineTransport, type Transport } from '../transport/transport.js'
import { createKafkajsAdmin } from './kafkajs-admin.js'
import { createKafkajsConsumerTransport } from './kafkajs-consumer-transport.js'
import { isKafkajsInstrumented } from './kafkajs-instrumentation.js'
import { createKafkajsProducerTransport } from './kafkajs-producer-transport.js'

/** The one kafkajs transport: kafkajs has no options of its own beyond the client's. */
const kafkajsTransport = defineTransport({
  name: 'kafkajs',
  capabilities: Object.freeze({
    groupProtocols: Object.freeze(['classic'] as const),
    // kafkajs 2.2.4 sends TxnOffsetCommit v0/v1: a group id, no member id or generation.
    transactionalGroupMetadata: false,
    // Eager rebalances: kafkajs rejoins only after the running batches ended.
    gracefulRevocation: true,
    compression: Object.freeze([
      'none',
      'gzip',
      'snappy',
      'lz4',
      ...('zstdCompress' in zlib ? (['zstd'] as const) : []),
    ] as const),
    emulatedPartitionPause: false,
  }),
  producer: createKafkajsProducerTransport,
  consumer: createKafkajsConsumerTransport,
  admin: createKafkajsAdmin,
  isInstrumented: isKafkajsInstrumented,
})

/**
 * kafkajs as the transport (the default). Its capabilities: the classic group protocol only; exactly-once
 * with one transactional producer per input partition; gzip, snappy, lz4 and (Node 22.15+) zstd.
 */
export function kafkajs(): Transport {
  return kafkajsTransport
}
