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
import { type Consumer, createConsumer } from './create-consumer.js'
import type { TransactionalProducerFactory } from './exactly-once.js'

const orders = defineTopic({
  name: 'orders',
  key: string(),
  value: json(z.object({ order_id: z.number(), total_amount: z.number() })),
})
const users = defineTopic({ name: 'users', value: json(z.object({ user_id: z.string() })) })

test('with several topics the message narrows on message.topic', () => {
  createConsumer(createClient({ brokers: ['k:1'] }), {
    groupId: 'g',
    topics: [orders, users],
    handler: (message) => {
      if (message.topic === 'orders') {
        expectTypeOf(message.value.total_amount).toBeNumber()
        expectTypeOf(message.key).toBeString()
      } else {
        expectTypeOf(message.topic).toEqualTypeOf<'users'>()
        expectTypeOf(message.value.user_id).toBeString()
        expectTypeOf(message.key).toEqualTypeOf<Buffer | null>()
        // @ts-expect-error users has no total_amount
        void message.value.total_amount
      }
      expectTypeOf(message.offset).toBeString()
      expectTypeOf(message.timestamp).toEqualTypeOf<Date>()
    },
  })
})

const client = createClient({ brokers: ['k:1'] })
declare const transactional: TransactionalProducerFactory

test('a batch handler gets typed messages; handler and batchHandler do not go together', () => {
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    batchHandler: (messages, context) => {
      expectTypeOf(messages[0]!.value.order_id).toBeNumber()
      expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>()
    },
  })
  // @ts-expect-error one or the other
  createConsumer(client, { groupId: 'g', topics: [orders], handler: () => {}, batchHandler: () => {} })
})

test('only an exactly-once handler can send, and what it sends is checked against the output topic', () => {
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    exactlyOnce: { producer: transactional },
    handler: async (message, { send }) => {
      expectTypeOf(send(users, { value: { user_id: String(message.value.order_id) } })).toEqualTypeOf<
        Promise<TopicPartitionOffset>
      >()
      expectTypeOf(send(users, [{ value: { user_id: 'a' } }, { value: { user_id: 'b' } }])).toEqualTypeOf<
        Promise<TopicPartitionOffset[]>
      >()
      // @ts-expect-error user_id is a string
      await send(users, { value: { user_id: 1 } })
      // @ts-expect-error the key is required on orders
      await send(orders, [{ value: { order_id: 1, total_amount: 2 } }])
    },
  })
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    handler: (_message, context) => {
      // @ts-expect-error an at-least-once handler has no transaction to send in
      void context.send
    },
  })
  // @ts-expect-error exactly-once takes a per-record handler
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    exactlyOnce: { producer: transactional },
    batchHandler: () => {},
  })
})

test('start() and stop() take { signal }; the consumer is async-disposable', () => {
  expectTypeOf<Consumer['start']>().toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf<Consumer['stop']>().toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf<Consumer>().toExtend<AsyncDisposable>()
})
