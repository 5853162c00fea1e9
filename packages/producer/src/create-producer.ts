import { type AnyTopic, ErrorCode, type KafkaClient, KafkakitError, type ProduceRecord } from '@kafkakit/core'
import {
  clientInternals,
  createKafkajsProducerTransport,
  isKafkajsInstrumented,
  type ProducerTransport,
  type TransportRecord,
} from '@kafkakit/core/internal'
import { Linger } from './linger.js'
import { prepareRecords, type TopicState, topicStates } from './prepare-records.js'
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
    lingering: resolved.lingerMs > 0,
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

  // The send path below is plain functions and callbacks, not async functions: it runs once per send,
  // and every await costs a promise (measured against raw kafkajs in bench/producer.bench.ts). Each send
  // calls settle() exactly once, however it ends.

  /** Validates, encodes and sends; throws synchronously only before anything was done. */
  function deliver<T extends AnyTopic>(
    topic: T,
    input: ProduceRecord<T> | readonly ProduceRecord<T>[],
    sendOptions: SendOptions,
  ): Promise<RecordMetadata[]> {
    if (sendOptions.signal?.aborted) {
      throw new KafkakitError(ErrorCode.ABORTED, `The send to ${topic.name} was aborted`, {
        cause: sendOptions.signal.reason,
      })
    }
    // The common case, a connected producer and a known topic, waits on nothing before the transport.
    const known = isConnected ? stateOf(topic) : undefined
    if (known === undefined || known instanceof Promise) {
      return ensureConnected()
        .then(() => stateOf(topic))
        .then(
          (state) => dispatch(state, topic, input, sendOptions),
          (error: unknown) => {
            settle()
            throw error
          },
        )
    }
    return dispatch(known, topic, input, sendOptions)
  }

  function dispatch<T extends AnyTopic>(
    state: TopicState<T>,
    topic: T,
    input: ProduceRecord<T> | readonly ProduceRecord<T>[],
    sendOptions: SendOptions,
  ): Promise<RecordMetadata[]> {
    let records: TransportRecord[]
    try {
      records = prepareRecords(state, resolved, input, sticky)
    } catch (error) {
      settle()
      return Promise.reject(error)
    }
    if (records.length === 0) {
      settle()
      return Promise.resolve([])
    }
    if (!buffer.tryAcquire(records.length)) {
      return buffer.acquire(records.length, sendOptions.signal).then(
        () => transmit(topic.name, records),
        (error: unknown) => {
          settle()
          throw error
        },
      )
    }
    return transmit(topic.name, records)
  }

  /** Sends records that hold buffer room; gives the room back and settles when they are answered. */
  function transmit(topic: string, records: TransportRecord[]): Promise<RecordMetadata[]> {
    const send = () => transport.send([{ topic, records }])
    return tracedSend(
      telemetry,
      topic,
      client.clientId,
      records,
      linger ? () => linger.wait(records.length).then(send) : send,
      () => {
        buffer.release(records.length)
        settle()
      },
    )
  }

  /** A send has settled, either way: flush() and close() wait for there to be none left. */
  function settle(): void {
    unsettled -= 1
    if (unsettled === 0) {
      const waiting = idle
      idle = []
      for (const resolve of waiting) resolve()
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
      try {
        return deliver(topic, input, sendOptions)
      } catch (error) {
        settle()
        return Promise.reject(error)
      }
    },
    flush,
    close,
    [Symbol.asyncDispose]: close,
  }
}
