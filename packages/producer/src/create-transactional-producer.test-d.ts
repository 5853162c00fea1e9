import {
  type AbortOptions,
  createClient,
  defineTopic,
  positionAfter,
  string,
  type TopicPartitionOffset,
} from '@kafkakit/core'
import { expectTypeOf, test } from 'vitest'
import {
  createTransactionalProducer,
  type Transaction,
  type TransactionalProducer,
} from './create-transactional-producer.js'

const users = defineTopic({ name: 'users', key: string(), value: string() })
const producer = createTransactionalProducer(createClient({ brokers: ['k:1'] }), { transactionalId: 'tx' })
declare const tx: Transaction

test('a transaction resolves to what its work returns; it takes { signal }', () => {
  expectTypeOf(producer.transaction(async () => 42)).toEqualTypeOf<Promise<number>>()
  void producer.transaction(async () => undefined, { signal: AbortSignal.timeout(1000) })
  // @ts-expect-error the work returns a promise
  void producer.transaction(() => 42)
})

test('tx.send() of one record resolves to one position, of an array to an array; records are checked', () => {
  expectTypeOf(tx.send(users, { key: 'k', value: 'v' })).toEqualTypeOf<Promise<TopicPartitionOffset>>()
  expectTypeOf(tx.send(users, [{ key: 'k', value: 'v' }])).toEqualTypeOf<Promise<TopicPartitionOffset[]>>()
  // @ts-expect-error the value is a string
  void tx.send(users, { key: 'k', value: 1 })
  // @ts-expect-error the key is required
  void tx.send(users, [{ value: 'v' }])
})

test('tx.sendOffsets() takes positions with decimal string offsets (positionAfter gives them)', () => {
  const message = { topic: 'users', partition: 0, offset: '41', value: 'v' }
  void tx.sendOffsets({ groupId: 'g', offsets: [positionAfter(message)] })
  void tx.sendOffsets({ groupId: 'g', offsets: [{ topic: 'users', partition: 0, offset: '42' }] })
  expectTypeOf(positionAfter).returns.toEqualTypeOf<TopicPartitionOffset>()
  // @ts-expect-error offsets are decimal strings, not numbers
  void tx.sendOffsets({ groupId: 'g', offsets: [{ topic: 'users', partition: 0, offset: 42 }] })
  // @ts-expect-error nor bigints
  void tx.sendOffsets({ groupId: 'g', offsets: [{ topic: 'users', partition: 0, offset: 42n }] })
  // @ts-expect-error the group id is required
  void tx.sendOffsets({ offsets: [] })
})

test('start() and stop() take { signal }; the producer is async-disposable', () => {
  expectTypeOf(producer.start).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf(producer.stop).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf<TransactionalProducer>().toExtend<AsyncDisposable>()
  // @ts-expect-error the lifecycle verbs are start() and stop()
  void producer.connect()
  // @ts-expect-error the lifecycle verbs are start() and stop()
  void producer.close()
})
