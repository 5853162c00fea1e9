import kafkajs from 'kafkajs'
import type { KafkaAdmin, TopicSpec } from '../admin/kafka-admin.js'
import type { ConnectionOptions } from '../client/connection-options.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { AbortOptions } from '../lifecycle/abort-options.js'
import { abortable, abortedError } from '../lifecycle/abortable.js'
import { createKafkajsClient } from './create-kafkajs-client.js'
import { toKafkajsConfig } from './kafkajs-config.js'
import { fromKafkajsError } from './kafkajs-error.js'

// kafkajs is CommonJS: Node's ESM loader cannot see these as named exports.
const { AssignerProtocol } = kafkajs

/** A {@link KafkaAdmin} backed by kafkajs. Connects lazily on the first call. */
export function createKafkajsAdmin(connection: ConnectionOptions): KafkaAdmin {
  const admin = createKafkajsClient(toKafkajsConfig(connection)).admin()
  let connected: Promise<void> | undefined
  let stopped: Promise<void> | undefined

  /** Runs `run` once connected; `signal` ends the wait (kafkajs cannot recall a request). */
  function call<T>(operation: string, options: AbortOptions, run: () => Promise<T>): Promise<T> {
    if (stopped) {
      return Promise.reject(
        new KafkakitError(ErrorCode.STOPPED, `${operation} was called after the admin client was stopped`),
      )
    }
    const { signal } = options
    if (signal?.aborted) return Promise.reject(abortedError(operation, signal))
    const done = (async () => {
      try {
        connected ??= admin.connect()
        await connected
        return await run()
      } catch (error) {
        connected = undefined
        throw fromKafkajsError(error, operation)
      }
    })()
    return abortable(done, signal, operation)
  }

  function stop(options: AbortOptions = {}): Promise<void> {
    // A connection still being made is disconnected once it is made.
    stopped ??= (connected ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => admin.disconnect())
      .catch(() => undefined)
    const { signal } = options
    if (signal?.aborted) return Promise.reject(abortedError('admin stop()', signal))
    return abortable(stopped, signal, 'admin stop()')
  }

  return {
    describeCluster: (options = {}) =>
      call('describeCluster', options, async () => {
        const cluster = await admin.describeCluster()
        return {
          clusterId: cluster.clusterId,
          controllerId: cluster.controller ?? null,
          brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })),
        }
      }),
    listTopics: (options = {}) => call('listTopics', options, () => admin.listTopics()),
    createTopics: (topics: readonly TopicSpec[], options = {}) =>
      call(`createTopics(${topics.map((t) => t.name).join(', ')})`, options, async () => {
        await admin.createTopics({
          waitForLeaders: true,
          topics: topics.map((t) => ({
            topic: t.name,
            numPartitions: t.partitions ?? -1,
            replicationFactor: t.replicationFactor ?? -1,
            configEntries: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
          })),
        })
      }),
    deleteTopics: (names, options = {}) =>
      call(`deleteTopics(${names.join(', ')})`, options, () => admin.deleteTopics({ topics: [...names] })),
    describeTopics: (names, options = {}) =>
      call(`describeTopics(${names.join(', ')})`, options, async () => {
        const { topics } = await admin.fetchTopicMetadata({ topics: [...names] })
        return topics.map((t) => ({
          name: t.name,
          partitions: t.partitions
            .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
            .sort((a, b) => a.partition - b.partition),
        }))
      }),
    committedOffsets: (groupId, topics, options = {}) =>
      call(`committedOffsets(${groupId})`, options, async () => {
        const answer = await admin.fetchOffsets({ groupId, topics: [...topics] })
        return answer.flatMap(({ topic, partitions }) =>
          partitions
            .map(({ partition, offset }) => ({ topic, partition, offset }))
            .sort((a, b) => a.partition - b.partition),
        )
      }),
    endOffsets: (topic, options = {}) =>
      call(`endOffsets(${topic})`, options, async () =>
        (await admin.fetchTopicOffsets(topic))
          .map(({ partition, offset }) => ({ topic, partition, offset }))
          .sort((a, b) => a.partition - b.partition),
      ),
    listGroups: (options = {}) =>
      call('listGroups', options, async () =>
        (await admin.listGroups()).groups
          .map(({ groupId, protocolType }) => ({ groupId, protocolType }))
          .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0)),
      ),
    describeGroup: (groupId, options = {}) =>
      call(`describeGroup(${groupId})`, options, async () => {
        const [group] = (await admin.describeGroups([groupId])).groups
        if (!group)
          throw new KafkakitError(ErrorCode.KAFKA, `describeGroup(${groupId}): no answer for the group`)
        return {
          groupId: group.groupId,
          state: group.state,
          protocolType: group.protocolType,
          protocol: group.protocol,
          members: group.members.map((member) => ({
            memberId: member.memberId,
            clientId: member.clientId,
            clientHost: member.clientHost,
            assignment: group.protocolType === 'consumer' ? decodeAssignment(member.memberAssignment) : [],
          })),
        }
      }),
    stop,
    [Symbol.asyncDispose]: () => stop(),
  }
}

/** A consumer-protocol member assignment, as topics and sorted partitions (empty when there is none yet). */
function decodeAssignment(data: Buffer): { topic: string; partitions: number[] }[] {
  if (data.length === 0) return []
  const decoded = AssignerProtocol.MemberAssignment.decode(data)
  return Object.entries(decoded?.assignment ?? {})
    .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))
}
