import kafkajs from 'kafkajs'
import type { KafkaAdmin, TopicSpec } from '../admin/kafka-admin.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { createKafkajsClient } from './create-kafkajs-client.js'
import { type ConnectionOptions, toKafkajsConfig } from './kafkajs-config.js'
import { fromKafkajsError } from './kafkajs-error.js'

// kafkajs is CommonJS: Node's ESM loader cannot see these as named exports.
const { AssignerProtocol } = kafkajs

/** A {@link KafkaAdmin} backed by kafkajs. Connects lazily on the first call. */
export function createKafkajsAdmin(connection: ConnectionOptions): KafkaAdmin {
  const admin = createKafkajsClient(toKafkajsConfig(connection)).admin()
  let connected: Promise<void> | undefined
  let closed = false

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    if (closed)
      throw new KafkakitError(ErrorCode.CLOSED, `${operation} was called after the admin client was closed`)
    try {
      connected ??= admin.connect()
      await connected
      return await run()
    } catch (error) {
      connected = undefined
      throw fromKafkajsError(error, operation)
    }
  }

  async function close(): Promise<void> {
    if (closed) return
    closed = true
    await admin.disconnect().catch(() => undefined)
  }

  return {
    describeCluster: () =>
      call('describeCluster', async () => {
        const cluster = await admin.describeCluster()
        return {
          clusterId: cluster.clusterId,
          controllerId: cluster.controller ?? null,
          brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })),
        }
      }),
    listTopics: () => call('listTopics', () => admin.listTopics()),
    createTopics: (topics: readonly TopicSpec[]) =>
      call(`createTopics(${topics.map((t) => t.name).join(', ')})`, async () => {
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
    deleteTopics: (names) =>
      call(`deleteTopics(${names.join(', ')})`, () => admin.deleteTopics({ topics: [...names] })),
    describeTopics: (names) =>
      call(`describeTopics(${names.join(', ')})`, async () => {
        const { topics } = await admin.fetchTopicMetadata({ topics: [...names] })
        return topics.map((t) => ({
          name: t.name,
          partitions: t.partitions
            .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
            .sort((a, b) => a.partition - b.partition),
        }))
      }),
    committedOffsets: (groupId, topics) =>
      call(`committedOffsets(${groupId})`, async () => {
        const answer = await admin.fetchOffsets({ groupId, topics: [...topics] })
        return answer.flatMap(({ topic, partitions }) =>
          partitions
            .map(({ partition, offset }) => ({ topic, partition, offset }))
            .sort((a, b) => a.partition - b.partition),
        )
      }),
    endOffsets: (topic) =>
      call(`endOffsets(${topic})`, async () =>
        (await admin.fetchTopicOffsets(topic))
          .map(({ partition, offset }) => ({ topic, partition, offset }))
          .sort((a, b) => a.partition - b.partition),
      ),
    listGroups: () =>
      call('listGroups', async () =>
        (await admin.listGroups()).groups
          .map(({ groupId, protocolType }) => ({ groupId, protocolType }))
          .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0)),
      ),
    describeGroup: (groupId) =>
      call(`describeGroup(${groupId})`, async () => {
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
    close,
    [Symbol.asyncDispose]: close,
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
