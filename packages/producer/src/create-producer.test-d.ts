import {
  type AbortOptions,
  createClient,
  defineTopic,
  json,
  string,
  type TopicPartitionOffset,
} from '@kafkakit/core'
import { expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import { createProducer, type Producer } from './create-producer.js'

const orders = defineTopic({
  name: 'orders',
  key: string(),
  value: json(z.object({ order_id: z.number(), total_amount: z.number() })),
})
const logs = defineTopic({ name: 'logs', value: string() })
const producer = createProducer(createClient({ brokers: ['k:1'] }))
const order = { order_id: 1, total_amount: 9.5 }

test('send() of one record resolves to one position, of an array to an array', () => {
  expectTypeOf(producer.send(orders, { key: 'k', value: order })).toEqualTypeOf<
    Promise<TopicPartitionOffset>
  >()
  expectTypeOf(producer.send(orders, [{ key: 'k', value: order }])).toEqualTypeOf<
    Promise<TopicPartitionOffset[]>
  >()
  const batch: readonly { key: string; value: typeof order }[] = [{ key: 'k', value: order }]
  expectTypeOf(producer.send(orders, batch)).toEqualTypeOf<Promise<TopicPartitionOffset[]>>()
  expectTypeOf(producer.send(logs, [])).toEqualTypeOf<Promise<TopicPartitionOffset[]>>()
  expectTypeOf<TopicPartitionOffset>().toEqualTypeOf<{
    readonly topic: string
    readonly partition: number
    readonly offset: string
  }>()
})

test('records are checked against their topic', () => {
  // @ts-expect-error total_amount is a number
  void producer.send(orders, { key: 'k', value: { order_id: 1, total_amount: '9.5' } })
  // @ts-expect-error the key is required on a keyed topic
  void producer.send(orders, { value: order })
  // @ts-expect-error the key is a string
  void producer.send(orders, [{ key: 1, value: order }])
  // @ts-expect-error a record of another topic
  void producer.send(orders, { value: 'a log line' })
  // @ts-expect-error logs takes no key
  void producer.send(logs, { key: 'k', value: 'line' })
  // @ts-expect-error one bad record in an array
  void producer.send(orders, [
    { key: 'k', value: order },
    { key: 'k', value: { order_id: 2 } },
  ])
  // @ts-expect-error no tombstones on orders
  void producer.send(orders, { key: 'k', value: null })
})

test('send, start, flush and stop take { signal }; the producer is async-disposable', () => {
  const { signal } = new AbortController()
  void producer.send(orders, { key: 'k', value: order }, { signal })
  expectTypeOf(producer.start).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf(producer.flush).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf(producer.stop).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf<Producer>().toExtend<AsyncDisposable>()
  // @ts-expect-error a signal is an AbortSignal
  void producer.start({ signal: true })
  // @ts-expect-error unknown option
  void producer.stop({ timeoutMs: 1 })
  // @ts-expect-error the lifecycle verbs are start() and stop()
  void producer.connect()
  // @ts-expect-error the lifecycle verbs are start() and stop()
  void producer.close()
})
