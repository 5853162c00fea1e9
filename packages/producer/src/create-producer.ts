import {
  type AbortOptions,
  type AnyTopic,
  ErrorCode,
  type KafkaClient,
  KafkakitError,
  type ProduceRecord,
  type TopicPartitionOffset,
} from '@kafkakit/core'
import {
  abortable,
  abortedError,
  clientInternals,
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
import { tracedSend } from './send-span.js'

/**
 * A send's options: its `signal` aborts the send while it waits before its records reach the broker (for
 * the connection, the topic's metadata, buffer room or lingering): it rejects with KAFKAKIT_ABORTED and
 * none of its records is sent. Records already handed to the broker cannot be recalled: the send then
 * ends with its answer.
 */
export type SendOptions = AbortOptions

/** A typed producer. Idempotent with acks=all unless configured otherwise. */
export interface Producer extends AsyncDisposable {
  /**
   * Connects now; optional, as the first send() connects. Idempotent. An abort of `signal` rejects with
   * KAFKAKIT_ABORTED at once and gives the connection attempt up (unless a send still waits for it):
   * whatever it connected is disconnected, and a later start() or send() tries again.
   */
  start(options?: AbortOptions): Promise<void>
  /**
   * Sends one record to `topic`; resolves to where it landed (offset '-1' with acks 0).
   *
   * ```ts
   * const { partition, offset } = await producer.send(userEvents, { key: e.event_id, value: e })
   * ```
   */
  send<T extends AnyTopic>(
    topic: T,
    record: ProduceRecord<T>,
    options?: SendOptions,
  ): Promise<TopicPartitionOffset>
  /**
   * Sends several records to `topic` in one call. All are validated and encoded first: if one is refused,
   * nothing is sent. Resolves to each record's position, in input order.
   */
  send<T extends AnyTopic>(
    topic: T,
    records: readonly ProduceRecord<T>[],
    options?: SendOptions,
  ): Promise<TopicPartitionOffset[]>
  /**
   * Sends what lingers now and waits until every accepted record is acknowledged. An abort of `signal`
   * ends the wait (KAFKAKIT_ABORTED); the sends go on.
   */
  flush(options?: AbortOptions): Promise<void>
  /**
   * Flushes, then disconnects. Idempotent; `[Symbol.asyncDispose]` calls it; afterwards start(), send()
   * and flush() reject with KAFKAKIT_STOPPED. An abort of `signal` gives up flushing: the producer
   * disconnects at once, in the background (records not yet acknowledged may fail), and stop() rejects
   * with KAFKAKIT_ABORTED. The producer is stopped either way.
   */
  stop(options?: AbortOptions): Promise<void>
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
  internals.assertNotStopped('createProducer()')
  const transport: ProducerTransport = internals.transport.producer(internals.options, {
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
  const telemetry = resolved.telemetry && !internals.transport.isInstrumented()
  const sticky = { next: Math.floor(Math.random() * 1024) }
  // Sends accepted and not yet settled, and who waits for there to be none (flush, stop).
  let unsettled = 0
  let idle: (() => void)[] = []
  const settled = () =>
    unsettled === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))
  // Set by the first stop(): resolves once disconnected; `giveUp` makes it stop waiting for the sends.
  let stopped: Promise<void> | undefined
  let giveUp = () => {}

  const stoppedError = (operation: string) =>
    new KafkakitError(ErrorCode.STOPPED, `${operation} was called after the producer was stopped`)
  let isConnected = false
  const onConnected = () => {
    isConnected = true
  }
  /** Connects once for every caller (the transport shares the attempt and abandons it when all abort). */
  const connect = (signal: AbortSignal | undefined): Promise<void> =>
    isConnected ? Promise.resolve() : transport.connect({ signal }).then(onConnected)
  const stateOf = topicStates(client, transport)
  const start = (options: AbortOptions = {}) => {
    if (stopped) return Promise.reject(stoppedError('start()'))
    return connect(options.signal)
  }
  const flush = (options: AbortOptions = {}) => {
    if (stopped) return Promise.reject(stoppedError('flush()'))
    const { signal } = options
    if (signal?.aborted) return Promise.reject(abortedError('producer flush()', signal))
    linger?.flush()
    return abortable(settled(), signal, 'producer flush()')
  }
  const stop = (options: AbortOptions = {}): Promise<void> => {
    if (!stopped) {
      forget()
      // Sends accepted before stop() still go out, at once: no more lingering.
      linger?.drain()
      const gaveUp = new Promise<void>((resolve) => {
        giveUp = resolve
      })
      stopped = Promise.race([settled(), gaveUp]).then(() => transport.disconnect())
    }
    const { signal } = options
    if (signal?.aborted) {
      giveUp()
      return Promise.reject(abortedError('producer stop()', signal))
    }
    return abortable(stopped, signal, 'producer stop()', () => giveUp())
  }
  const forget = internals.track({ stop }, 'producer')

  // The send path below is plain functions and callbacks, not async functions: it runs once per send,
  // and every await costs a promise (measured against raw kafkajs in bench/producer.bench.ts). Each send
  // calls settle() exactly once, however it ends.

  /** Validates, encodes and sends; throws synchronously only before anything was done. */
  function deliver<T extends AnyTopic>(
    topic: T,
    input: ProduceRecord<T> | readonly ProduceRecord<T>[],
    sendOptions: SendOptions,
  ): Promise<TopicPartitionOffset | TopicPartitionOffset[]> {
    const { signal } = sendOptions
    if (signal?.aborted) throw abortedError(`The send to ${topic.name}`, signal)
    // The common case, a connected producer and a known topic, waits on nothing before the transport.
    const known = isConnected ? stateOf(topic) : undefined
    if (known === undefined || known instanceof Promise) {
      const ready = isConnected
        ? (known as Promise<TopicState<T>>)
        : connect(signal).then(() => stateOf(topic))
      return abortable(ready, signal, `The send to ${topic.name}`).then(
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
  ): Promise<TopicPartitionOffset | TopicPartitionOffset[]> {
    const single = !Array.isArray(input)
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
        () => transmit(topic.name, records, single, sendOptions.signal),
        (error: unknown) => {
          settle()
          throw error
        },
      )
    }
    return transmit(topic.name, records, single, sendOptions.signal)
  }

  /** Sends records that hold buffer room; gives the room back and settles when they are answered. */
  function transmit(
    topic: string,
    records: TransportRecord[],
    single: boolean,
    signal: AbortSignal | undefined,
  ): Promise<TopicPartitionOffset | TopicPartitionOffset[]> {
    const send = () => transport.send([{ topic, records }])
    return tracedSend(
      telemetry,
      topic,
      client.clientId,
      records,
      single,
      linger ? () => linger.wait(records.length, signal, topic).then(send) : send,
      () => {
        buffer.release(records.length)
        settle()
      },
    )
  }

  /** A send has settled, either way: flush() and stop() wait for there to be none left. */
  function settle(): void {
    unsettled -= 1
    if (unsettled === 0) {
      const waiting = idle
      idle = []
      for (const resolve of waiting) resolve()
    }
  }

  function send<T extends AnyTopic>(
    topic: T,
    input: ProduceRecord<T> | readonly ProduceRecord<T>[],
    sendOptions: SendOptions = {},
  ): Promise<TopicPartitionOffset | TopicPartitionOffset[]> {
    if (stopped) return Promise.reject(stoppedError(`send to ${topic.name}`))
    unsettled += 1
    try {
      return deliver(topic, input, sendOptions)
    } catch (error) {
      settle()
      return Promise.reject(error)
    }
  }

  return {
    start,
    // One implementation for both overloads: a single record resolves to one position, an array to many.
    send: send as Producer['send'],
    flush,
    stop,
    [Symbol.asyncDispose]: () => stop(),
  }
}
