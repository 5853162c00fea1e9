import { createClient, defineTopic, json, string } from '@kafkakit/core'
import { expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import { createConsumer } from './create-consumer.js'

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
