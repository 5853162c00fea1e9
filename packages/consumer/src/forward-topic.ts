import { bytes, defineTopic, type Serde } from '@kafkakit/core'

/** A key passed through as it is, null included (a forwarded record keeps its key byte for byte). */
const rawKey: Serde<Buffer | null, Buffer | null> = {
  kind: 'bytes',
  // The codec keeps whatever the key serde returns; null stays a null key.
  bind: () => ({ serialize: (key) => key as Buffer, deserialize: (data) => data }),
}

const define = (name: string) => defineTopic({ name, key: rawKey, value: bytes(), tombstones: true })
const topics = new Map<string, ReturnType<typeof define>>()

/** A topic of raw bytes (null keys and tombstones included), for forwarding records through a transaction. */
export function forwardTopic(name: string): ReturnType<typeof define> {
  let topic = topics.get(name)
  if (!topic) {
    topic = define(name)
    topics.set(name, topic)
  }
  return topic
}
