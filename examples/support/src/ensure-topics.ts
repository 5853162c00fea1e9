import type { KafkaClient } from '@kafkakit/core'

/**
 * Creates the topics that do not exist yet, with `partitions` partitions (default: the cluster's);
 * existing topics are left as they are. Production clusters usually refuse to create topics on first use,
 * and @kafkakit/testing's brokers do too.
 */
export async function ensureTopics(
  client: KafkaClient,
  names: readonly string[],
  partitions?: number,
): Promise<void> {
  await using admin = client.admin()
  // Only the missing ones are asked for: no request (and no "already exists" answer) when all are there.
  const existing = new Set(await admin.listTopics())
  const missing = names.filter((name) => !existing.has(name))
  if (missing.length === 0) return
  await admin.createTopics(
    missing.map((name) => (partitions === undefined ? { name } : { name, partitions })),
  )
}
