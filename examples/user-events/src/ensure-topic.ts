import type { KafkaClient } from '@kafkakit/core'

/**
 * Creates `name` with the cluster's default partitions when it does not exist; an existing topic is left
 * as it is. The seed relied on the broker creating topics on first use, which production clusters (and
 * @kafkakit/testing's brokers) turn off.
 */
export async function ensureTopic(client: KafkaClient, name: string): Promise<void> {
  await using admin = client.admin()
  await admin.createTopics([{ name }])
}
