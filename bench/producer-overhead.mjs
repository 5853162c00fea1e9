// kafkakit's own CPU per send, without a broker: kafkajs's producer is replaced by one that answers at
// once, so what is left is kafkakit's send path (validation, encoding, partitioning, the serialised
// dispatch, the acknowledgement check, per-record metadata, the send span) against a bare kafkajs call.
// Diagnostic only; the comparison that counts is bench/producer.bench.ts against a real broker.
//   npm run build && taskset -c 0 node bench/producer-overhead.mjs          (one record per send)
//   PER=100 N=10000 taskset -c 0 node bench/producer-overhead.mjs            (batches of 100)
import kafkajs from 'kafkajs'

const answer = (topic) => ({ topicName: topic, partition: 0, errorCode: 0, baseOffset: '0' })
kafkajs.Kafka.prototype.producer = () => ({
  connect: async () => {},
  disconnect: async () => {},
  sendBatch: async ({ topicMessages }) => topicMessages.map((t) => answer(t.topic)),
  send: async ({ topic }) => [answer(topic)],
})
kafkajs.Kafka.prototype.admin = () => ({
  connect: async () => {},
  disconnect: async () => {},
  fetchTopicMetadata: async ({ topics }) => ({
    topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0 }] })),
  }),
})
const { bytes, createClient, defineTopic, string } = await import('@kafkakit/core')
const { createProducer } = await import('@kafkakit/producer')

const PER = Number(process.env.PER ?? 1)
const N = Number(process.env.N ?? 300_000)
const client = createClient({ brokers: ['127.0.0.1:9'] })
const producer = createProducer(client)
const topic = defineTopic({ name: 't', key: string(), value: bytes() })
await producer.start()
const raw = new kafkajs.Kafka({ brokers: ['127.0.0.1:9'] }).producer()
const value = Buffer.alloc(100, 'x')
const records = Array.from({ length: PER }, (_, i) => ({ key: `k${i}`, value }))
const tasks = {
  'raw kafkajs (stubbed)': () =>
    raw.send({
      topic: 't',
      acks: -1,
      messages: records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
    }),
  kafkakit: () =>
    producer.send(
      topic,
      records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
    ),
}
for (let round = 1; round <= 4; round++) {
  const line = []
  for (const [name, send] of Object.entries(tasks)) {
    const start = process.cpuUsage()
    for (let i = 0; i < N; i++) await send()
    const used = process.cpuUsage(start)
    line.push(`${name} ${(((used.user + used.system) / N / PER) * 1000).toFixed(0)} ns CPU/record`)
  }
  console.log(`round ${round}${round === 1 ? ' (warm-up)' : ''}: ${line.join(', ')}`)
}
await producer.stop()
await client.stop()
