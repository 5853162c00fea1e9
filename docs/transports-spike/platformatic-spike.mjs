// Throwaway spike for issue 16 (not production code, not part of any package or test suite).
//
// The smallest @platformatic/kafka producer + consumer round trip against a real broker, checking the
// three bugs its changelog says are fixed, and showing how per-partition pause and seek would be
// emulated on top of Consumer.fetch(). kafkajs (the repo's devDependency) reads back what platformatic
// wrote, as an independent client.
//
// @platformatic/kafka is not a dependency of this repo: install it outside the repo first.
//   mkdir /tmp/plt && cd /tmp/plt && npm init -y && npm install @platformatic/kafka@2.12.1
//   node packages/testing/dist/cli.js start        # prints KAFKA_BOOTSTRAP_SERVERS, keep it running
//   KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:PORT PLT_DIR=/tmp/plt node docs/transports-spike/platformatic-spike.mjs
import { subscribe } from 'node:diagnostics_channel'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import kafkajs from 'kafkajs'

const pltDir = process.env.PLT_DIR ?? '/tmp/plt'
const plt = await import(pathToFileURL(join(pltDir, 'node_modules/@platformatic/kafka/dist/index.js')).href)
const { Admin, Consumer, Producer, IS_CONTROL } = plt
const { version } = JSON.parse(
  readFileSync(join(pltDir, 'node_modules/@platformatic/kafka/package.json'), 'utf8'),
)
const bootstrap = (process.env.KAFKA_BOOTSTRAP_SERVERS ?? '127.0.0.1:9092').split(',')
const run = Date.now().toString(36)
const topic = `spike-${run}`
const outTopic = `spike-out-${run}`
const results = []

function check(name, ok, evidence) {
  results.push({ name, ok, evidence })
  console.log(`${ok ? 'AS NEEDED' : 'GAP      '}  ${name}\n      ${JSON.stringify(evidence, bigints)}`)
}
function bigints(_key, value) {
  return typeof value === 'bigint' ? `${value}n` : value
}
const hex = (b) => (b === null ? null : b === undefined ? undefined : Buffer.from(b).toString())

console.log(`@platformatic/kafka ${version}, broker ${bootstrap.join(',')}, topic ${topic}`)

const base = { clientId: `spike-${run}`, bootstrapBrokers: bootstrap, retries: 3 }
const admin = new Admin(base)
await admin.createTopics({ topics: [topic, outTopic], partitions: 2, replicas: 1 })

// An independent reader: kafkajs.
const kjs = new kafkajs.Kafka({
  brokers: bootstrap,
  clientId: 'spike-verify',
  logLevel: kafkajs.logLevel.NOTHING,
})
const kadmin = kjs.admin()
await kadmin.connect()

/** Reads every record of `partition` up to its end with kafkajs (no group). */
async function readWithKafkajs(partition) {
  const end = Number((await kadmin.fetchTopicOffsets(topic)).find((p) => p.partition === partition).high)
  const consumer = kjs.consumer({ groupId: `spike-kjs-${run}-${partition}` })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const seen = []
  await new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ partition: p, message }) => {
        if (p !== partition) return
        seen.push(message)
        if (seen.length >= end) resolve()
      },
    })
    if (end === 0) resolve()
  })
  await consumer.disconnect()
  return seen
}

// ---------------------------------------------------------------------------------------------------
// 1. N concurrent idempotent sends get N distinct offsets (fixed in 2.3.0, #310 for issue #309).
// ---------------------------------------------------------------------------------------------------
const producer = new Producer({ ...base, idempotent: true })
const N = 25
const acks = await Promise.all(
  Array.from({ length: N }, (_, i) =>
    producer.send({
      messages: [{ topic, partition: 1, key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`) }],
    }),
  ),
)
const offsets = acks.map((a) => a.offsets[0].offset)
const distinct = new Set(offsets.map(String))
const p1Records = await readWithKafkajs(1)
const p1Values = new Set(p1Records.map((m) => m.value.toString()))
check(
  `${N} concurrent idempotent sends get ${N} distinct offsets, and all ${N} records are in the log`,
  distinct.size === N && p1Values.size === N,
  {
    offsets: offsets.map(String),
    distinctOffsets: distinct.size,
    recordsReadBackByKafkajs: p1Records.length,
  },
)

// ---------------------------------------------------------------------------------------------------
// 2. A null value is written as a tombstone (varint -1), not as empty bytes (fixed in 1.27.0, #217).
//    Also: a null key, an empty (non-null) value, a repeated header name, an explicit timestamp.
// ---------------------------------------------------------------------------------------------------
const timestamp = 1_700_000_000_123n
await producer.send({
  messages: [
    { topic, partition: 0, key: Buffer.from('tomb'), value: null, timestamp },
    { topic, partition: 0, key: null, value: Buffer.alloc(0) },
    {
      topic,
      partition: 0,
      key: Buffer.from('h'),
      value: Buffer.from('headers'),
      // Two header entries with the same name: a Map keyed by two distinct Buffer objects.
      headers: new Map([
        [Buffer.from('dup'), Buffer.from('first')],
        [Buffer.from('dup'), Buffer.from('second')],
      ]),
    },
  ],
})
const p0 = await readWithKafkajs(0)
check(
  'a null value reaches kafkajs as null (a tombstone), an empty value as an empty buffer',
  p0[0].value === null && p0[1].value?.length === 0,
  {
    tombstoneValue: p0[0].value,
    emptyValueLength: p0[1].value?.length,
    nullKey: p0[1].key,
    timestampAsWritten: p0[0].timestamp,
    repeatedHeader: (p0[2].headers.dup ?? []).map?.((b) => b.toString()) ?? hex(p0[2].headers.dup),
  },
)
check('the explicit timestamp survives', p0[0].timestamp === String(timestamp), { kafkajs: p0[0].timestamp })

// ---------------------------------------------------------------------------------------------------
// 3. The platformatic stream: message.commit() commits the next offset to read (fixed in 1.24.0,
//    #196). How the stream delivers a tombstone and a repeated header.
// ---------------------------------------------------------------------------------------------------
const groupCommit = `spike-commit-${run}`
const consumer = new Consumer({ ...base, groupId: groupCommit, autocommit: false, maxWaitTime: 500 })
const stream = await consumer.consume({
  topics: [topic],
  mode: 'committed',
  fallbackMode: 'earliest',
  autocommit: false,
})
const fromStream = []
for await (const message of stream) {
  if (message.partition !== 0) continue
  fromStream.push(message)
  if (fromStream.length === 3) {
    await message.commit()
    break
  }
}
await stream.close()
const committedByKafkajs = await kadmin.fetchOffsets({ groupId: groupCommit, topics: [topic] })
const committedP0 = committedByKafkajs[0].partitions.find((p) => p.partition === 0).offset
const lastOffset = fromStream[2].offset
check(
  'message.commit() on offset N commits N + 1 (the next offset to read), as kafkajs reads it',
  BigInt(committedP0) === lastOffset + 1n,
  {
    lastProcessedOffset: lastOffset,
    committedOffset: committedP0,
  },
)
check(
  'the stream hands a tombstone over as undefined, not null (value ?? undefined in #pushRecords)',
  fromStream[0].value === undefined,
  {
    tombstoneValue: String(fromStream[0].value),
    nullKey: String(fromStream[1].key),
    headersMapSize: fromStream[2].headers.size,
    headerEntries: fromStream[2].headerEntries.map(([k, v]) => [hex(k), hex(v)]),
    timestamp: fromStream[0].timestamp,
    offsetType: typeof fromStream[0].offset,
  },
)
await consumer.close(true)

// ---------------------------------------------------------------------------------------------------
// 4. Per-partition pause and seek, emulated below the stream: the transport owns each partition's
//    position and fetches with Consumer.fetch() only the partitions that are not paused.
// ---------------------------------------------------------------------------------------------------
const fetcher = new Consumer({ ...base, groupId: `spike-fetch-${run}`, autocommit: false })
fetcher.topics.track(topic)
await fetcher.joinGroup({})
const assigned = fetcher.assignments.find((a) => a.topic === topic).partitions
const positions = new Map(assigned.map((p) => [p, 0n]))
const paused = new Set()

/** One fetch round: each leader once, for the assigned partitions that are not paused. */
async function fetchRound() {
  const metadata = await fetcher.metadata({ topics: [topic] })
  const { id: topicId, partitions } = metadata.topics.get(topic)
  const byLeader = new Map()
  for (const [partition, fetchOffset] of positions) {
    if (paused.has(partition)) continue
    const leader = partitions[partition].leader
    const list = byLeader.get(leader) ?? []
    const leaderEpoch = partitions[partition].leaderEpoch
    list.push({
      partition,
      fetchOffset,
      partitionMaxBytes: 1_048_576,
      currentLeaderEpoch: leaderEpoch,
      lastFetchedEpoch: -1,
    })
    byLeader.set(leader, list)
  }
  const got = new Map()
  for (const [node, parts] of byLeader) {
    const response = await fetcher.fetch({ node, topics: [{ topicId, partitions: parts }], maxWaitTime: 200 })
    for (const t of response.responses) {
      for (const { partitionIndex, records } of t.partitions) {
        const list = got.get(partitionIndex) ?? []
        for (const batch of records ?? []) {
          // The position moves past every batch, control batches too; their records are not delivered.
          positions.set(partitionIndex, batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n)
          if (batch.attributes & IS_CONTROL) continue
          for (const r of batch.records) {
            list.push({
              offset: batch.firstOffset + BigInt(r.offsetDelta),
              key: r.key,
              value: r.value,
              headers: r.headers,
            })
          }
        }
        got.set(partitionIndex, list)
      }
    }
  }
  return got
}
const count = (got, p) => got.get(p)?.length ?? 0

paused.add(0)
const whilePaused = await fetchRound()
const p0Held = positions.get(0)
paused.delete(0)
const afterResume = await fetchRound()
positions.set(1, 10n) // seek
const afterSeek = await fetchRound()
const resumed0 = afterResume.get(0) ?? []
check(
  'pause(p0): a round fetches p1 only and p0 keeps its position; resume(p0) fetches p0 from there; seek(p1, 10) refetches from 10',
  count(whilePaused, 0) === 0 &&
    count(whilePaused, 1) === N &&
    p0Held === 0n &&
    resumed0.length === 3 &&
    afterSeek.get(1)?.[0]?.offset === 10n,
  {
    assigned,
    whilePaused: { p0: count(whilePaused, 0), p1: count(whilePaused, 1), p0Position: p0Held },
    afterResume: {
      p0: resumed0.length,
      firstOffset: resumed0[0]?.offset,
      tombstoneValue: resumed0[0]?.value,
      nullKey: resumed0[1]?.key,
    },
    afterSeek: { p1: count(afterSeek, 1), firstOffset: afterSeek.get(1)?.[0]?.offset },
    rawHeaders: resumed0[2]?.headers.map(([k, v]) => [hex(k), hex(v)]),
  },
)
await fetcher.leaveGroup()
await fetcher.close()

// ---------------------------------------------------------------------------------------------------
// 5. KIP-447 through platformatic: Transaction.addConsumer + addOffset, under the classic protocol and
//    under groupProtocol 'consumer' (KIP-848). addOffset sends message.metadata.consumer.generationId,
//    which platformatic fills from Consumer.generationId: a classic generation, never the member epoch.
//    The workaround tried last: the member epoch read from ConsumerGroupHeartbeat responses on the
//    'plt:kafka:connections:api' diagnostics channel, and a message whose metadata carries it.
// ---------------------------------------------------------------------------------------------------
const memberEpochs = new Map()
subscribe('tracing:plt:kafka:connections:api:asyncStart', (context) => {
  // ConsumerGroupHeartbeat is API key 68; its response carries memberId and memberEpoch.
  if (context.apiKey === 68 && context.result?.memberId)
    memberEpochs.set(context.result.memberId, context.result.memberEpoch)
})

/** The group's committed offset of `partition`, once the transaction markers are written. */
async function committedOffset(groupId, partition) {
  for (let i = 0; i < 30; i++) {
    const [{ partitions }] = await kadmin.fetchOffsets({ groupId, topics: [topic] })
    const offset = partitions.find((p) => p.partition === partition).offset
    if (offset !== '-1') return offset
    await sleep(200)
  }
  return '-1'
}

async function transactionalOffset(groupProtocol, withMemberEpoch = false) {
  const groupId = `spike-eos-${groupProtocol}-${withMemberEpoch}-${run}`
  const c = new Consumer({
    ...base,
    groupId,
    autocommit: false,
    maxWaitTime: 500,
    ...(groupProtocol === 'consumer' ? { groupProtocol } : {}),
  })
  const s = await c.consume({
    topics: [topic],
    mode: 'committed',
    fallbackMode: 'earliest',
    autocommit: false,
  })
  let first
  for await (const message of s) {
    first = message
    break
  }
  const memberEpoch = memberEpochs.get(c.memberId)
  const offsetSource = withMemberEpoch
    ? {
        topic: first.topic,
        partition: first.partition,
        offset: first.offset,
        metadata: { consumer: { ...first.metadata.consumer, generationId: memberEpoch } },
      }
    : first
  const tp = new Producer({
    ...base,
    idempotent: true,
    transactionalId: `spike-tx-${groupProtocol}-${withMemberEpoch}-${run}`,
  })
  const tx = await tp.beginTransaction()
  let outcome
  try {
    await tx.send({ messages: [{ topic: outTopic, key: first.key ?? null, value: Buffer.from('out') }] })
    await tx.addConsumer(c)
    await tx.addOffset(offsetSource)
    await tx.commit()
    outcome = 'committed'
  } catch (error) {
    outcome = `failed: ${error.message} ${JSON.stringify(error.errors?.map((e) => e.apiId ?? e.message) ?? error.apiId ?? '')}`
    await tx.abort().catch(() => undefined)
  }
  const evidence = {
    groupProtocol,
    consumerGenerationId: c.generationId,
    memberEpochSeenOnTheWire: memberEpoch,
    generationIdSent: offsetSource.metadata.consumer.generationId,
    outcome,
    offsetOfRecord: first.offset,
    committed: outcome === 'committed' ? await committedOffset(groupId, first.partition) : 'n/a',
  }
  await s.close()
  await c.close(true)
  await tp.close()
  return evidence
}
const classic = await transactionalOffset('classic')
check(
  'KIP-447 transactional offset commit, classic protocol: commits offset + 1',
  classic.outcome === 'committed' && BigInt(classic.committed) === classic.offsetOfRecord + 1n,
  classic,
)
const kip848 = await transactionalOffset('consumer')
check(
  'KIP-447 transactional offset commit, groupProtocol consumer (KIP-848), as platformatic sends it',
  kip848.outcome === 'committed',
  kip848,
)
const kip848Epoch = await transactionalOffset('consumer', true)
check(
  'KIP-447 under KIP-848 with the member epoch put into the message metadata (workaround)',
  kip848Epoch.outcome === 'committed' && BigInt(kip848Epoch.committed) === kip848Epoch.offsetOfRecord + 1n,
  kip848Epoch,
)

await producer.close()
await kadmin.deleteTopics({ topics: [topic, outTopic] }).catch(() => undefined)
await kadmin.disconnect()
await admin.close()
console.log(
  `${results.filter((r) => r.ok).length} checks behave as kafkakit needs; gaps: ${results.filter((r) => !r.ok).length}`,
)
