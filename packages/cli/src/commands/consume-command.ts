import { type AnyTopic, bytes, defineTopic, type TopicCodec } from '@kafkakit/core'
import { type Command, intOption, println, stringOption } from '../command.js'
import { clientFromOptions, connectionOptions, registryOption } from '../connection-options.js'
import { consumeUntil } from '../consume-until.js'
import { bytesToJson, headersToJson, toJsonValue } from '../to-json-value.js'
import { checkSchemaOptions, schemaTopic, topicModuleOptions } from '../topic-source.js'

export const consumeCommand: Command = {
  path: ['consume'],
  positionals: ['<topic>'],
  summary: "Prints a topic's records as JSON lines.",
  description: [
    'Prints records as JSON lines: {"topic","partition","offset","timestamp","key","value","headers"}',
    '(timestamp in ms since the epoch). Keys, values and headers are UTF-8 strings when they are valid',
    'UTF-8, else {"base64": "..."}; with --topic-module or --registry, keys and values are decoded (bytes',
    'inside them as {"base64": "..."}), and a record that fails to decode is printed raw with an "error".',
    'Without --group, a throwaway group is used and nothing is committed; with --group, the offsets of',
    'printed records are committed.',
  ].join('\n'),
  options: {
    ...connectionOptions,
    'from-beginning': {
      type: 'boolean',
      description: 'start at the earliest offset (default: new records only)',
    },
    group: {
      type: 'string',
      value: 'GROUP',
      description: 'consume as this group and commit what is printed',
    },
    'max-messages': { type: 'string', value: 'N', description: 'exit after N records' },
    'timeout-ms': {
      type: 'string',
      value: 'MS',
      description: 'exit when no record came for MS (exit code 1 if --max-messages were not reached)',
    },
    ...topicModuleOptions,
    ...registryOption,
  },
  examples: [
    'kafkakit consume orders --from-beginning --max-messages 10',
    'kafkakit consume orders --group audit',
  ],
  async run(args, io) {
    const name = args.positionals[0]!
    checkSchemaOptions(args.values)
    const max = intOption(args.values, 'max-messages', 1)
    const timeoutMs = intOption(args.values, 'timeout-ms', 1)
    await using client = clientFromOptions(args.values, io.env, stringOption(args.values, 'registry'))
    await client.admin().describeTopics([name])
    const schema = await schemaTopic(args, name, false)
    const codec: TopicCodec<AnyTopic> | undefined = schema ? await client.codec(schema) : undefined
    let count = 0
    const end = await consumeUntil(client, {
      topic: defineTopic({ name, value: bytes(), tombstones: true }),
      groupId: stringOption(args.values, 'group'),
      fromBeginning: args.values['from-beginning'] === true,
      idleTimeoutMs: timeoutMs,
      signal: io.signal,
      handle: async (message) => {
        const raw = {
          key: message.key as Buffer | null,
          value: message.value as Buffer | null,
          headers: message.rawHeaders,
        }
        const line: Record<string, unknown> = {
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          timestamp: message.timestamp.getTime(),
        }
        line.key = raw.key && bytesToJson(raw.key)
        line.value = raw.value && bytesToJson(raw.value)
        if (codec) {
          try {
            const decoded = await codec.decode(raw)
            if (codec.topic.key) line.key = toJsonValue(decoded.key)
            line.value = toJsonValue(decoded.value)
          } catch (error) {
            line.error = (error as Error).message
          }
        }
        line.headers = headersToJson(raw.headers)
        println(io.stdout, JSON.stringify(line))
        count += 1
        return max !== undefined && count >= max ? 'stop' : 'continue'
      },
    })
    if (end === 'idle' && max !== undefined && count < max) {
      println(
        io.stderr,
        `kafkakit: timed out after ${timeoutMs} ms without a record: consumed ${count} of ${max}`,
      )
      return 1
    }
    return 0
  },
}
