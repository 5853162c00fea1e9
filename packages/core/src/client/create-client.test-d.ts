import { expectTypeOf, test } from 'vitest'
import type { KafkaAdmin } from '../admin/kafka-admin.js'
import { kafkajs } from '../kafkajs/kafkajs-transport.js'
import type { AbortOptions } from '../lifecycle/abort-options.js'
import { consoleLogger, type Logger } from '../logging/logger.js'
import type { SchemaRegistry } from '../registry/schema-registry.js'
import { string } from '../serde/string-serde.js'
import { defineTopic } from '../topic/define-topic.js'
import type { TopicCodec } from '../topic/topic-codec.js'
import type { TopicPartitionOffset } from '../topic/topic-partition-offset.js'
import type { Transport } from '../transport/transport.js'
import type { ClientOptions, ResolvedClientOptions } from './client-options.js'
import { createClient, type KafkaClient } from './create-client.js'

test('createClient: every option optional (brokers from KAFKA_BOOTSTRAP_SERVERS); a KafkaClient back', () => {
  expectTypeOf(createClient()).toEqualTypeOf<KafkaClient>()
  expectTypeOf(createClient({})).toEqualTypeOf<KafkaClient>()
  const client = createClient({
    brokers: ['127.0.0.1:9092'],
    clientId: 'events-svc',
    ssl: { ca: ['-----BEGIN CERTIFICATE-----'], rejectUnauthorized: true, servername: 'kafka' },
    sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'secret' },
    connectionTimeoutMs: 1000,
    requestTimeoutMs: 5000,
    authenticationTimeoutMs: 5000,
    retry: { retries: 2 },
    logger: consoleLogger(),
    logLevel: 'warn',
    schemaRegistry: { url: 'http://registry:8081', auth: { username: 'u', password: 'p' }, retries: 1 },
    maxMessageBytes: 2_000_000,
  })
  expectTypeOf(client.brokers).toEqualTypeOf<readonly string[]>()
  expectTypeOf(client.logger).toEqualTypeOf<Logger>()
  expectTypeOf(client.schemaRegistry).toEqualTypeOf<SchemaRegistry | undefined>()
  expectTypeOf(client.admin()).toEqualTypeOf<KafkaAdmin>()
  expectTypeOf(client).toExtend<AsyncDisposable>()
  const topic = defineTopic({ name: 'orders', value: string() })
  expectTypeOf(client.codec(topic)).toEqualTypeOf<Promise<TopicCodec<typeof topic>>>()
  createClient({ ssl: true, sasl: { mechanism: 'plain', username: 'u', password: 'p' } })
})

test('misused options do not compile', () => {
  // @ts-expect-error brokers are host:port strings
  createClient({ brokers: [{ host: 'k', port: 9092 }] })
  // @ts-expect-error not a SASL mechanism kafkakit supports
  createClient({ sasl: { mechanism: 'oauthbearer', username: 'u', password: 'p' } })
  // @ts-expect-error SASL needs a password
  createClient({ sasl: { mechanism: 'plain', username: 'u' } })
  // @ts-expect-error timeouts are numbers of ms
  createClient({ requestTimeoutMs: '5s' })
  // @ts-expect-error unknown option
  createClient({ requestTimeout: 5000 })
  // @ts-expect-error the client id of the registry is the client's
  createClient({ schemaRegistry: { url: 'http://r', clientId: 'x' } })
  // @ts-expect-error not a log level
  createClient({ logLevel: 'trace' })
})

test('ClientOptions and ResolvedClientOptions derive from one schema: the defaults are applied in the resolved type', () => {
  expectTypeOf<ClientOptions['requestTimeoutMs']>().toEqualTypeOf<number | undefined>()
  expectTypeOf<ResolvedClientOptions['requestTimeoutMs']>().toEqualTypeOf<number>()
  expectTypeOf<ResolvedClientOptions['retry']['retries']>().toEqualTypeOf<number>()
  expectTypeOf<ResolvedClientOptions['brokers']>().toEqualTypeOf<readonly string[]>()
  expectTypeOf<NonNullable<ResolvedClientOptions['schemaRegistry']>['retries']>().toEqualTypeOf<number>()
})

const client = createClient({ brokers: ['k:1'] })
const admin = client.admin()
const { signal } = new AbortController()

test('the client and its admin stop with stop({ signal }) and are async-disposable', () => {
  expectTypeOf(client.stop).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf(admin.stop).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf<KafkaClient>().toExtend<AsyncDisposable>()
  expectTypeOf<KafkaAdmin>().toExtend<AsyncDisposable>()
  // @ts-expect-error the stopping verb is stop()
  void client.close()
  // @ts-expect-error the stopping verb is stop()
  void admin.close()
  // @ts-expect-error a signal is an AbortSignal
  void client.stop({ signal: 'now' })
})

test('every admin call takes { signal }; offsets come as TopicPartitionOffset', () => {
  expectTypeOf(admin.committedOffsets('g', ['t'], { signal })).toEqualTypeOf<
    Promise<TopicPartitionOffset[]>
  >()
  expectTypeOf(admin.endOffsets('t', { signal })).toEqualTypeOf<Promise<TopicPartitionOffset[]>>()
  void admin.describeCluster({ signal })
  void admin.listTopics({ signal })
  void admin.createTopics([{ name: 't', partitions: 3 }], { signal })
  void admin.deleteTopics(['t'], { signal })
  void admin.describeTopics(['t'], { signal })
  void admin.listGroups({ signal })
  void admin.describeGroup('g', { signal })
  // @ts-expect-error a signal is an AbortSignal
  void admin.listTopics({ signal: 1 })
})

test('the transport option is the opaque Transport: no client library type in the public options', () => {
  expectTypeOf<ClientOptions['transport']>().toEqualTypeOf<Transport | undefined>()
  createClient({ transport: kafkajs() })
  // @ts-expect-error a plain object is no transport
  createClient({ transport: { name: 'kafkajs' } })
})
