import { ErrorCode, type GroupMember, type KafkaAdmin, KafkakitError } from '@kafkakit/core'

export interface PartitionLag {
  readonly topic: string
  readonly partition: number
  /** The group's committed offset (the next to read), or null when it committed nothing there. */
  readonly committedOffset: string | null
  /** The partition's end (last stable) offset. */
  readonly endOffset: string
  /** endOffset - committedOffset, or null without a commit. */
  readonly lag: string | null
  /** The member assigned the partition now, if any. */
  readonly memberId: string | null
}

export interface GroupLag {
  readonly groupId: string
  readonly state: string
  readonly members: readonly GroupMember[]
  readonly partitions: readonly PartitionLag[]
}

/**
 * A group's committed offsets against the end offsets, per partition: of `topics`, or else of the
 * topics assigned to its members and every topic it has committed offsets on.
 */
export async function groupLag(
  admin: KafkaAdmin,
  groupId: string,
  topics?: readonly string[],
): Promise<GroupLag> {
  const group = await admin.describeGroup(groupId)
  const owners = new Map<string, string>()
  for (const member of group.members) {
    for (const { topic, partitions } of member.assignment) {
      for (const partition of partitions) owners.set(`${topic}\0${partition}`, member.memberId)
    }
  }
  const assigned = new Set(group.members.flatMap((m) => m.assignment.map((a) => a.topic)))
  const candidates = topics?.length
    ? [...topics]
    : (await admin.listTopics()).filter((name) => !name.startsWith('__') || assigned.has(name))
  const committed = candidates.length > 0 ? await admin.committedOffsets(groupId, candidates) : []
  const shown = new Set(
    topics?.length
      ? topics
      : [...assigned, ...committed.filter((c) => c.offset !== '-1').map((c) => c.topic)],
  )
  const partitions: PartitionLag[] = []
  for (const topic of [...shown].sort()) {
    for (const end of await admin.endOffsets(topic)) {
      const offset = committed.find((c) => c.topic === topic && c.partition === end.partition)?.offset
      const committedOffset = offset === undefined || offset === '-1' ? null : offset
      partitions.push({
        topic,
        partition: end.partition,
        committedOffset,
        endOffset: end.offset,
        lag: committedOffset === null ? null : String(BigInt(end.offset) - BigInt(committedOffset)),
        memberId: owners.get(`${topic}\0${end.partition}`) ?? null,
      })
    }
  }
  if (group.state === 'Dead' && partitions.every((p) => p.committedOffset === null)) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `Group ${groupId} does not exist (no members and no committed offsets)`,
    )
  }
  return { groupId, state: group.state, members: group.members, partitions }
}
