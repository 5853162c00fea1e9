import { expect, test } from 'vitest'
import { silentLogger } from '../logging/logger.js'
import type { PartitionAck, TopicRecords } from '../transport/producer-transport.js'
import { SerialSender } from './serial-sender.js'

const batch = (partition: number, count = 1): TopicRecords[] => [
  {
    topic: 't',
    records: Array.from({ length: count }, () => ({
      key: null,
      value: Buffer.from('v'),
      headers: {},
      partition,
    })),
  },
]

/** A sendNow whose requests the test answers by hand, one after another. */
function fakeBroker() {
  const requests: {
    batches: readonly TopicRecords[]
    answer: (acks: PartitionAck[]) => void
    fail: (e: Error) => void
  }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const sendNow = (batches: readonly TopicRecords[]) =>
    new Promise<PartitionAck[]>((answer, fail) => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      requests.push({
        batches,
        answer: (acks) => {
          inFlight--
          answer(acks)
        },
        fail: (error) => {
          inFlight--
          fail(error)
        },
      })
    })
  return { requests, sendNow, maxInFlight: () => maxInFlight }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

test('one request at a time: a send from idle goes at once, sends meanwhile share the next request', async () => {
  const broker = fakeBroker()
  const sender = new SerialSender(broker.sendNow, async () => {}, silentLogger)
  const first = sender.send(batch(0))
  expect(broker.requests).toHaveLength(1)
  const second = sender.send(batch(0, 2))
  const third = sender.send(batch(0, 3))
  await tick()
  expect(broker.requests).toHaveLength(1)
  broker.requests[0]!.answer([{ topic: 't', partition: 0, baseOffset: '10' }])
  expect(await first).toEqual([{ topic: 't', partition: 0, baseOffset: '10' }])
  await tick()
  expect(broker.requests).toHaveLength(2)
  expect(broker.requests[1]!.batches[0]!.records).toHaveLength(5)
  broker.requests[1]!.answer([{ topic: 't', partition: 0, baseOffset: '11' }])
  // Each merged send gets its own records' offsets.
  expect(await second).toEqual([{ topic: 't', partition: 0, baseOffset: '11' }])
  expect(await third).toEqual([{ topic: 't', partition: 0, baseOffset: '13' }])
  expect(broker.maxInFlight()).toBe(1)
})

test('gatherSameTick: the sends of one tick share the first request', async () => {
  const broker = fakeBroker()
  const sender = new SerialSender(broker.sendNow, async () => {}, silentLogger, true)
  const sends = [sender.send(batch(0)), sender.send(batch(1)), sender.send(batch(0))]
  expect(broker.requests).toHaveLength(0)
  await tick()
  expect(broker.requests).toHaveLength(1)
  broker.requests[0]!.answer([
    { topic: 't', partition: 0, baseOffset: '5' },
    { topic: 't', partition: 1, baseOffset: '7' },
  ])
  expect(await Promise.all(sends)).toEqual([
    [{ topic: 't', partition: 0, baseOffset: '5' }],
    [{ topic: 't', partition: 1, baseOffset: '7' }],
    [{ topic: 't', partition: 0, baseOffset: '6' }],
  ])
})

test('a failed request rejects its sends, runs afterFailure, and the queue goes on', async () => {
  const broker = fakeBroker()
  const failures: unknown[] = []
  const sender = new SerialSender(
    broker.sendNow,
    async (error) => {
      failures.push(error)
    },
    silentLogger,
  )
  const failing = sender.send(batch(0))
  const queued = sender.send(batch(0))
  broker.requests[0]!.fail(new Error('lost'))
  await expect(failing).rejects.toThrow('lost')
  await tick()
  expect(failures).toHaveLength(1)
  expect(broker.requests).toHaveLength(2)
  broker.requests[1]!.answer([{ topic: 't', partition: 0, baseOffset: '1' }])
  expect(await queued).toEqual([{ topic: 't', partition: 0, baseOffset: '1' }])
  // Idle again: the next send goes at once.
  void sender.send(batch(0))
  expect(broker.requests).toHaveLength(3)
})
