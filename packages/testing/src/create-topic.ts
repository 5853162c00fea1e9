import { setTimeout } from 'node:timers/promises'
import { KafkakitError, type TopicSpec } from '@kafkakit/core'
import { createAdmin } from '@kafkakit/core/internal'
import type { KafkaCluster } from './kafka-cluster.js'
import { uniqueName } from './unique-name.js'

export interface CreateTopicOptions extends Partial<TopicSpec> {
  /** Prefix of the generated unique name when `name` is not given. Default 'topic'. */
  readonly prefix?: string
}

/**
 * Creates a topic (a unique name unless `name` is given) and waits until its partitions have leaders.
 * Resolves to the topic's name.
 */
export async function createTopic(
  cluster: Pick<KafkaCluster, 'brokers'> | string,
  options: CreateTopicOptions = {},
): Promise<string> {
  const { prefix = 'topic', name = uniqueName(prefix), ...spec } = options
  const brokers = typeof cluster === 'string' ? cluster.split(',') : cluster.brokers
  await using admin = createAdmin({ brokers, clientId: 'kafkakit-testing' })
  // A cluster that has just started (or is busy) can answer that it does not host the new topic's
  // partitions yet: retriable errors are tried again, for up to a minute.
  const deadline = Date.now() + CREATE_TIMEOUT_MS
  for (;;) {
    try {
      await admin.createTopics([{ ...spec, name }])
      return name
    } catch (error) {
      if (!KafkakitError.is(error) || !error.retriable || Date.now() > deadline) throw error
      await setTimeout(500)
    }
  }
}

const CREATE_TIMEOUT_MS = 60_000
