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
import type { ConsumedMessage, HandlerContext, ManualCommitMessage } from './consumed-message.js'
import { retryAndDeadLetterTopics } from './consumer-routes.js'
import {
  type Consumer,
  type ConsumerOptions,
  createConsumer,
  type ExactlyOnceConsumerOptions,
  type ExactlyOnceOptions,
} from './create-consumer.js'
import type { TransactionalProducerFactory } from './exactly-once.js'

const orders = defineTopic({
  name: 'orders',
  key: string(),
  value: json(z.object({ order_id: z.number(), total_amount: z.number() })),
})
const users = defineTopic({ name: 'users', value: json(z.object({ user_id: z.string() })) })
const client = createClient({ brokers: ['k:1'] })
declare const transactional: TransactionalProducerFactory

test('createConsumer returns a Consumer: start, stop, await using', () => {
  const consumer = createConsumer(client, { groupId: 'g', topics: [orders], handler: () => {} })
  expectTypeOf(consumer).toEqualTypeOf<Consumer>()
  expectTypeOf(consumer.start).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf(consumer.stop).toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf(consumer).toExtend<AsyncDisposable>()
})

test('with several topics the message narrows on message.topic', () => {
  createConsumer(createClient({ brokers: ['k:1'] }), {
    groupId: 'g',
    topics: [orders, users],
    handler: (message) => {
      expectTypeOf(message.topic).toEqualTypeOf<'orders' | 'users'>()
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
      expectTypeOf(message.partition).toBeNumber()
      expectTypeOf(message.attempt).toBeNumber()
      expectTypeOf(message.timestamp).toEqualTypeOf<Date>()
    },
  })
})

test('a batch handler gets typed messages that narrow too; handler and batchHandler do not go together', () => {
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    batchHandler: (messages, context) => {
      expectTypeOf(messages).toEqualTypeOf<readonly ConsumedMessage<typeof orders>[]>()
      expectTypeOf(messages[0]!.value.order_id).toBeNumber()
      expectTypeOf(context).toEqualTypeOf<HandlerContext>()
      expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>()
    },
  })
  createConsumer(client, {
    groupId: 'g',
    topics: [orders, users],
    batchHandler: (messages) => {
      for (const message of messages) {
        if (message.topic === 'users') expectTypeOf(message.value.user_id).toBeString()
      }
    },
  })
  // @ts-expect-error one or the other
  createConsumer(client, { groupId: 'g', topics: [orders], handler: () => {}, batchHandler: () => {} })
  // @ts-expect-error one of them is needed
  createConsumer(client, { groupId: 'g', topics: [orders] })
})

test('the handler may be async or not; what it returns is not used', () => {
  createConsumer(client, { groupId: 'g', topics: [orders], handler: async () => {} })
  createConsumer(client, { groupId: 'g', topics: [orders], handler: () => {} })
  // @ts-expect-error a handler returns nothing (or a promise of nothing)
  createConsumer(client, { groupId: 'g', topics: [orders], handler: () => 42 })
})

test("message.commit() exists only with commit: 'manual'", () => {
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    commit: 'manual',
    handler: async (message) => {
      expectTypeOf(message).toEqualTypeOf<ManualCommitMessage<typeof orders>>()
      expectTypeOf(message.commit).toEqualTypeOf<() => Promise<void>>()
      expectTypeOf(message.value.order_id).toBeNumber()
      await message.commit()
    },
  })
  createConsumer(client, {
    groupId: 'g',
    topics: [orders, users],
    commit: 'manual',
    batchHandler: async (messages) => {
      const last = messages[messages.length - 1]!
      if (last.topic === 'users') expectTypeOf(last.value.user_id).toBeString()
      await last.commit()
    },
  })
  for (const commit of ['after-process', 'auto', undefined] as const) {
    createConsumer(client, {
      groupId: 'g',
      topics: [orders],
      commit,
      handler: async (message) => {
        expectTypeOf(message).toEqualTypeOf<ConsumedMessage<typeof orders>>()
        // @ts-expect-error the consumer commits; the message has no commit()
        await message.commit()
      },
    })
  }
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    batchHandler: (messages) => {
      // @ts-expect-error the default mode commits by itself
      void messages[0]!.commit
    },
  })
  // @ts-expect-error not a commit mode
  createConsumer(client, { groupId: 'g', topics: [orders], commit: 'sometimes', handler: () => {} })
  // A manual-commit message is a ConsumedMessage: helpers written for ConsumedMessage take it.
  expectTypeOf<ManualCommitMessage<typeof orders>>().toExtend<ConsumedMessage<typeof orders>>()
})

test('only an exactly-once handler can send, and what it sends is checked against the output topic', () => {
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    exactlyOnce: { producer: transactional, transactionalIdPrefix: 'enrich', maxRecordsPerTransaction: 100 },
    handler: async (message, { send, signal }) => {
      expectTypeOf(signal).toEqualTypeOf<AbortSignal>()
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
      // @ts-expect-error the message has no commit(): the transaction commits the offset
      void message.commit
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
  // @ts-expect-error the transactions commit the offsets: no manual commits with exactly-once
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    exactlyOnce: { producer: transactional },
    commit: 'manual',
    handler: () => {},
  })
  // @ts-expect-error the producer is a factory such as createTransactionalProducer
  createConsumer(client, { groupId: 'g', topics: [orders], exactlyOnce: { producer: {} }, handler: () => {} })
  expectTypeOf<ExactlyOnceOptions['producer']>().toEqualTypeOf<TransactionalProducerFactory>()
  expectTypeOf<ExactlyOnceOptions['transactionalIdPrefix']>().toEqualTypeOf<string | undefined>()
})

test('retry, retry topics and dead letters: names as text or functions', () => {
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    retry: { attempts: 5, initialDelayMs: 100, maxDelayMs: 5000, multiplier: 3, jitter: 0.1 },
    retryTopics: { delaysMs: [1000, 60_000] as const, topic: '{topic}.retry.{n}' },
    deadLetter: { topic: '{topic}.DLT' },
    handler: () => {},
  })
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    retry: { attempts: 1 },
    retryTopics: { delaysMs: [1000], topic: (topic, n) => `${topic}-again-${n}` },
    deadLetter: { topic: (topic) => `${topic}-dead` },
    handler: () => {},
  })
  createConsumer(client, { groupId: 'g', topics: [orders], deadLetter: true, handler: () => {} })
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    // @ts-expect-error delaysMs is a list of numbers
    retryTopics: { delaysMs: 1000 },
    handler: () => {},
  })
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    // @ts-expect-error the name function returns a string
    deadLetter: { topic: () => 1 },
    handler: () => {},
  })
  // @ts-expect-error deadLetter: true or { topic }, not false
  createConsumer(client, { groupId: 'g', topics: [orders], deadLetter: false, handler: () => {} })
  // @ts-expect-error unknown retry option
  createConsumer(client, { groupId: 'g', topics: [orders], retry: { tries: 3 }, handler: () => {} })
  expectTypeOf(
    retryAndDeadLetterTopics({ topics: [orders], retryTopics: { delaysMs: [1000] }, deadLetter: true }),
  ).toEqualTypeOf<string[]>()
})

test('the other options, as the schema defines them', () => {
  type Options = ConsumerOptions<[typeof orders]>
  expectTypeOf<Options['groupId']>().toEqualTypeOf<string>()
  expectTypeOf<Options['fromBeginning']>().toEqualTypeOf<boolean | undefined>()
  expectTypeOf<Options['concurrency']>().toEqualTypeOf<number | undefined>()
  expectTypeOf<Options['shutdownTimeoutMs']>().toEqualTypeOf<number | undefined>()
  expectTypeOf<Options['commit']>().toEqualTypeOf<'after-process' | 'auto' | 'manual' | undefined>()
  expectTypeOf<ExactlyOnceConsumerOptions<[typeof orders]>['commit']>().toEqualTypeOf<
    'after-process' | undefined
  >()
  createConsumer(client, {
    groupId: 'g',
    topics: [orders],
    fromBeginning: true,
    autoCommitIntervalMs: 1000,
    autoCommitEveryRecords: 100,
    concurrency: 4,
    fetchMaxWaitMs: 100,
    readCommitted: true,
    shutdownTimeoutMs: 5000,
    telemetry: false,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    rebalanceTimeoutMs: 20_000,
    handler: () => {},
  })
  // @ts-expect-error groupId is required
  createConsumer(client, { topics: [orders], handler: () => {} })
  // @ts-expect-error topics are made by defineTopic()
  createConsumer(client, { groupId: 'g', topics: ['orders'], handler: () => {} })
  // @ts-expect-error unknown option
  createConsumer(client, { groupId: 'g', topics: [orders], autoCommit: true, handler: () => {} })
  // @ts-expect-error concurrency is a number
  createConsumer(client, { groupId: 'g', topics: [orders], concurrency: '2', handler: () => {} })
})

test('start() and stop() take { signal }; the consumer is async-disposable', () => {
  expectTypeOf<Consumer['start']>().toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf<Consumer['stop']>().toEqualTypeOf<(options?: AbortOptions) => Promise<void>>()
  expectTypeOf<Consumer>().toExtend<AsyncDisposable>()
})
