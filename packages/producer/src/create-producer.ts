import { type AnyTopic, ErrorCode, type KafkaClient, KafkakitError, type ProduceRecord } from '@kafkakit/core'
import {
  clientInternals,
  createKafkajsProducerTransport,
  isKafkajsInstrumented,
  type ProducerTransport,
} from '@kafkakit/core/internal'
import { Linger } from './linger.js'
import { prepareRecords, topicStates } from './prepare-records.js'
import {
  type ProducerOptions,
  type ResolvedProducerOptions,
  resolveProducerOptions,
} from './producer-options.js'
import { RecordBuffer } from './record-buffer.js'
import type { RecordMetadata } from './record-metadata.js'
import { tracedSend } from './send-span.js'

export interface SendOptions {
  /** Aborts while the send waits for buffer room; a send already on the wire cannot be recalled. */
  readonly signal?: AbortSignal
}

/** A typed producer. Idempotent with acks=all unless configured otherwise. */
export interface Producer extends AsyncDisposable {
  /** Connects now (send() connects on first use). Idempotent. */
  connect(options?: SendOptions): Promise<void>
  /**
   * Sends one record or several to `topic`. All are validated and encoded first: if one is refused,
   * nothing is sent. Resolves to each record's partition and offset, in input order.
   */
  send<T extends AnyTopic>(
    topic: T,
    records: ProduceRecord<T> | readonly ProduceRecord<T>[],
    options?: SendOptions,
  ): Promise<RecordMetadata[]>
  /** Sends what lingers now and waits until every accepted record is acknowledged. */
  flush(): Promise<void>
  /** Flushes, then disconnects. Idempotent; later calls reject with KAFKAKIT_CLOSED. */
  close(): Promise<void>
}

/** The Kafka acks value for an option. */
const toAcks = (acks: ResolvedProducerOptions['acks']) => (acks === 'all' ? -1 : acks)

/**
 * Creates a producer on `client`.
 *
 * ```ts
 * const producer = createProducer(client)
 * await producer.send(userEvents, { key: e.event_id, value: e })
 * ```
 */
export function createProducer(client: KafkaClient, options: ProducerOptions = {}): Producer {
  const resolved = resolveProducerOptions(options)
  const internals = clientInternals(client)
  internals.assertOpen('createProducer()')
  const transport: ProducerTransport = createKafkajsProducerTransport(internals.options, {
    idempotent: resolved.idempotent,
    acks: toAcks(resolved.acks),
    compression: resolved.compression,
    ackTimeoutMs: resolved.ackTimeoutMs,
  })
  const buffer = new RecordBuffer(
    resolved.maxBufferedRecords,
    resolved.onBufferFull,
    resolved.bufferTimeoutMs,
  )
  const linger = resolved.lingerMs > 0 ? new Linger(resolved.lingerMs, resolved.batchSize) : undefined
  const telemetry = resolved.telemetry && !isKafkajsInstrumented()
  const sticky = { next: Math.floor(Math.random() * 1024) }
  // Sends accepted and not yet settled, and who waits for there to be none (flush, close).
  let unsettled = 0
  let idle: (() => void)[] = []
  const settled = () =>
    unsettled === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))
  let connected: Promise<void> | undefined
  let closed: Promise<void> | undefined

  const assertOpen = (operation: string) => {
    if (closed)
      throw new KafkakitError(ErrorCode.CLOSED, `${operation} was called after the producer was closed`)
  }
  let isConnected = false
  const ensureConnected = async () => {
    connected ??= transport.connect().then(
      () => {
        isConnected = true
      },
      (error) => {
        connected = undefined
        throw error
      },
    )
    await connected
  }
  const stateOf = topicStates(client, transport)
  const connect = async () => {
    assertOpen('connect()')
    await ensureConnected()
  }
  const flush = async () => {
    linger?.flush()
    await settled()
  }
  const close = () => {
    closed ??= (async () => {
      forget()
      // Sends accepted before close() still go out, at once: no more lingering.
      linger?.drain()
      await settled()
      await transport.disconnect()
    })()
    return closed
  }
  const forget = internals.track({ close })

  async function deliver<T extends AnyTopic>(
    topic: T,
    input: ProduceRecord<T> | readonly ProduceRecord<T>[],
    sendOptions: SendOptions,
  ): Promise<RecordMetadata[]> {
    if (sendOptions.signal?.aborted) {
      throw new KafkakitError(ErrorCode.ABORTED, `The send to ${topic.name} was aborted`, {
        cause: sendOptions.signal.reason,
      })
    }
    if (!isConnected) await ensureConnected()
    const known = stateOf(topic)
    const records = prepareRecords(known instanceof Promise ? await known : known, resolved, input, sticky)
    if (records.length === 0) return []
    if (!buffer.tryAcquire(records.length)) await buffer.acquire(records.length, sendOptions.signal)
    try {
      const send = () => transport.send([{ topic: topic.name, records }])
      return await tracedSend(
        telemetry,
        topic.name,
        client.clientId,
        records,
        linger ? () => linger.wait(records.length).then(send) : send,
      )
    } finally {
      buffer.release(records.length)
    }
  }

  /** deliver(), counted among the unsettled sends until it settles either way. */
  async function sendNow<T extends AnyTopic>(
    topic: T,
    input: ProduceRecord<T> | readonly ProduceRecord<T>[],
    sendOptions: SendOptions,
  ): Promise<RecordMetadata[]> {
    try {
      return await deliver(topic, input, sendOptions)
    } finally {
      unsettled -= 1
      if (unsettled === 0) {
        const waiting = idle
        idle = []
        for (const resolve of waiting) resolve()
      }
    }
  }

  return {
    connect,
    send(topic, input, sendOptions = {}) {
      if (closed) {
        return Promise.reject(
          new KafkakitError(
            ErrorCode.CLOSED,
            `send to ${topic.name} was called after the producer was closed`,
          ),
        )
      }
      unsettled += 1
      return sendNow(topic, input, sendOptions)
    },
    flush,
    close,
    [Symbol.asyncDispose]: close,
  }
}
