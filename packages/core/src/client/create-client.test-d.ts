import { expectTypeOf, test } from 'vitest'
import type { KafkaAdmin } from '../admin/kafka-admin.js'
import type { AbortOptions } from '../lifecycle/abort-options.js'
import type { TopicPartitionOffset } from '../topic/topic-partition-offset.js'
import { createClient, type KafkaClient } from './create-client.js'

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
