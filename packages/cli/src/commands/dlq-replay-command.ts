import {
  type ConsumedMessage,
  DeadLetterHeader,
  type DeadLetterInfo,
  readDeadLetterHeaders,
} from '@kafkakit/consumer'
import { type AnyTopic, bytes, defineTopic, ErrorCode, KafkakitError } from '@kafkakit/core'
import { createProducer } from '@kafkakit/producer'
import { type Command, intOption, println, stringOption } from '../command.js'
import { clientFromOptions, connectionOptions } from '../connection-options.js'
import { consumeUntil } from '../consume-until.js'
import { bytesToJson, headersToJson } from '../to-json-value.js'
import { UsageError } from '../usage-error.js'

const deadLetterHeaders = new Set<string>(Object.values(DeadLetterHeader))

export const dlqReplayCommand: Command = {
  path: ['dlq', 'replay'],
  positionals: ['<dead-letter-topic>'],
  summary: 'Sends the records of a dead-letter topic back to a topic.',
  description: [
    'Sends the records of a dead-letter topic (as @kafkakit/consumer or Spring Kafka write them) back to',
    '--to: key, value and headers byte for byte, without the kafka_dlt-* and kafkakit-* dead-letter',
    'headers. Reads up to the end offsets present when it starts, then exits; commits nothing. Filters',
    "apply to the dead-letter headers and to the dead-letter record's own timestamp. Prints a summary",
    'to stderr; with --dry-run, sends nothing and prints the matching records as JSON lines instead.',
  ].join('\n'),
  options: {
    ...connectionOptions,
    to: { type: 'string', value: 'TOPIC', description: 'where to send the records (required)' },
    'original-topic': {
      type: 'string',
      value: 'TOPIC',
      description: 'only records dead-lettered from this topic',
    },
    'error-code': {
      type: 'string',
      value: 'CODE',
      description: 'only records with this kafkakit-error-code, e.g. KAFKAKIT_VALIDATION',
    },
    since: {
      type: 'string',
      value: 'TIME',
      description: 'only records dead-lettered at or after TIME (ISO 8601 or ms)',
    },
    until: {
      type: 'string',
      value: 'TIME',
      description: 'only records dead-lettered before TIME (ISO 8601 or ms)',
    },
    'max-messages': { type: 'string', value: 'N', description: 'replay at most N records' },
    'dry-run': { type: 'boolean', description: 'send nothing; print what would be replayed' },
    'idle-timeout-ms': {
      type: 'string',
      value: 'MS',
      description: 'give up waiting for records below the end offsets after MS without one (default 10000)',
    },
  },
  examples: [
    'kafkakit dlq replay orders-dlt --to orders --error-code KAFKAKIT_VALIDATION --dry-run',
    'kafkakit dlq replay orders-dlt --to orders --since 2026-01-01T00:00:00Z',
  ],
  async run({ values, positionals }, io) {
    const source = positionals[0]!
    const to = stringOption(values, 'to')
    if (!to) throw new UsageError('--to TOPIC is required')
    const since = time(values, 'since')
    const until = time(values, 'until')
    const max = intOption(values, 'max-messages', 1)
    const idleTimeoutMs = intOption(values, 'idle-timeout-ms', 1) ?? 10_000
    const originalTopic = stringOption(values, 'original-topic')
    const errorCode = stringOption(values, 'error-code')
    const dryRun = values['dry-run'] === true
    await using client = clientFromOptions(values, io.env)
    const admin = client.admin()
    await admin.describeTopics([source, to])
    const ends = new Map((await admin.endOffsets(source)).map((p) => [p.partition, BigInt(p.offset)]))
    const pending = new Set([...ends].filter(([, end]) => end > 0n).map(([partition]) => partition))
    const keyed = defineTopic({ name: to, key: bytes(), value: bytes(), tombstones: true })
    const keyless = defineTopic({ name: to, value: bytes(), tombstones: true })
    const producer = dryRun ? undefined : createProducer(client)
    let read = 0
    let matched = 0

    const matches = (message: ConsumedMessage<AnyTopic>, info: DeadLetterInfo) => {
      const at = message.timestamp.getTime()
      return (
        (originalTopic === undefined || info.originalTopic === originalTopic) &&
        (errorCode === undefined || info.errorCode === errorCode) &&
        (since === undefined || at >= since) &&
        (until === undefined || at < until)
      )
    }

    const end =
      pending.size === 0
        ? 'stopped'
        : await consumeUntil(client, {
            topic: defineTopic({ name: source, value: bytes(), tombstones: true }),
            fromBeginning: true,
            idleTimeoutMs,
            signal: io.signal,
            handle: async (message) => {
              const offset = BigInt(message.offset)
              if (offset >= (ends.get(message.partition) ?? 0n)) {
                pending.delete(message.partition)
                return pending.size === 0 ? 'stop' : 'continue'
              }
              read += 1
              const info = readDeadLetterHeaders(message.rawHeaders)
              if (matches(message, info)) {
                matched += 1
                const key = message.key as Buffer | null
                const value = message.value as Buffer | null
                // Repeated headers keep all their values, in order.
                const headers: Record<string, Buffer | Buffer[]> = {}
                for (const [name, raw] of Object.entries(message.rawHeaders)) {
                  if (raw === undefined || deadLetterHeaders.has(name)) continue
                  headers[name] = raw
                }
                if (producer) {
                  await (key === null
                    ? producer.send(keyless, { value, rawHeaders: headers })
                    : producer.send(keyed, { key, value, rawHeaders: headers }))
                } else {
                  println(
                    io.stdout,
                    JSON.stringify({
                      partition: message.partition,
                      offset: message.offset,
                      timestamp: message.timestamp.getTime(),
                      originalTopic: info.originalTopic ?? null,
                      errorCode: info.errorCode ?? null,
                      error: info.exceptionMessage ?? null,
                      key: key && bytesToJson(key),
                      value: value && bytesToJson(value),
                      headers: headersToJson(headers),
                    }),
                  )
                }
              }
              if (offset + 1n >= (ends.get(message.partition) ?? 0n)) pending.delete(message.partition)
              return pending.size === 0 || (max !== undefined && matched >= max) ? 'stop' : 'continue'
            },
          })
    await producer?.stop()
    println(
      io.stderr,
      `${dryRun ? 'would replay' : 'replayed'} ${matched} of ${read} dead-letter records from ${source} to ${to}`,
    )
    if (end === 'idle') {
      throw new KafkakitError(
        ErrorCode.TIMEOUT,
        `No record of ${source} came for ${idleTimeoutMs} ms before the end offsets of partitions ${[...pending].join(', ')} (deleted by retention?); what was read is replayed`,
      )
    }
    return 0
  },
}

function time(values: Record<string, unknown>, name: string): number | undefined {
  const text = stringOption(values as never, name)
  if (text === undefined) return undefined
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text)
  if (!Number.isFinite(ms))
    throw new UsageError(
      `--${name} expects an ISO 8601 time or ms since the epoch, got ${JSON.stringify(text)}`,
    )
  return ms
}
