import { type AnyTopic, defineTopic, ErrorCode, KafkakitError, string } from '@kafkakit/core'
import { createProducer } from '@kafkakit/producer'
import { type Command, println, stringOption } from '../command.js'
import { clientFromOptions, connectionOptions, registryOption } from '../connection-options.js'
import { readLines } from '../read-lines.js'
import { checkSchemaOptions, schemaTopic, topicModuleOptions } from '../topic-source.js'
import { UsageError } from '../usage-error.js'

/** Records per producer call. */
const CHUNK = 500

export const produceCommand: Command = {
  path: ['produce'],
  positionals: ['<topic>'],
  summary: 'Sends one record per line of standard input.',
  description: [
    'Sends one record per line of standard input (empty lines are skipped). Every line is parsed and',
    'validated first; if one fails, nothing is sent. Values (and keys) are strings, or JSON for the',
    "schema-aware topics of --topic-module and --registry (a serde of kind 'string' or 'bytes' takes the",
    'text as it is). Prints "sent N records to TOPIC" to stderr at the end; Ctrl-C before the end of input',
    'sends nothing.',
  ].join('\n'),
  options: {
    ...connectionOptions,
    'key-separator': {
      type: 'string',
      value: 'SEP',
      description: 'each line is KEY<SEP>VALUE, split at the first SEP (a line without it is an error)',
    },
    ...topicModuleOptions,
    ...registryOption,
  },
  examples: [
    "printf 'a:1\\nb:2\\n' | kafkakit produce orders --key-separator :",
    'kafkakit produce orders --topic-module dist/generated/orders.js < orders.jsonl',
  ],
  async run(args, io) {
    const name = args.positionals[0]!
    checkSchemaOptions(args.values)
    const separator = stringOption(args.values, 'key-separator')
    if (separator === '') throw new UsageError('--key-separator must not be empty')
    const lines = await readLines(io.stdin, io.signal)
    await using client = clientFromOptions(args.values, io.env, stringOption(args.values, 'registry'))
    await client.admin().describeTopics([name])
    const topic: AnyTopic =
      (await schemaTopic(args, name, separator !== undefined)) ??
      (separator === undefined
        ? defineTopic({ name, value: string() })
        : defineTopic({ name, key: string(), value: string() }))
    const codec = await client.codec(topic)
    const records: Record<string, unknown>[] = []
    lines.forEach((line, i) => {
      if (line === '') return
      const where = `line ${i + 1}`
      let key: string | undefined
      let value = line
      if (separator !== undefined) {
        const at = line.indexOf(separator)
        if (at < 0)
          throw new KafkakitError(
            ErrorCode.VALIDATION,
            `${where}: no key separator ${JSON.stringify(separator)}`,
          )
        key = line.slice(0, at)
        value = line.slice(at + separator.length)
      }
      const record = {
        ...(key === undefined || !topic.key ? {} : { key: parse(key, topic.key.kind, `${where}: key`) }),
        value: parse(value, topic.value.kind, `${where}: value`),
      }
      try {
        codec.encode(record as never)
      } catch (error) {
        throw new KafkakitError(ErrorCode.VALIDATION, `${where}: ${(error as Error).message}`, {
          cause: error,
        })
      }
      records.push(record)
    })
    const producer = createProducer(client)
    for (let start = 0; start < records.length; start += CHUNK) {
      await producer.send(topic, records.slice(start, start + CHUNK) as never)
    }
    await producer.stop()
    println(io.stderr, `sent ${records.length} record${records.length === 1 ? '' : 's'} to ${name}`)
    return 0
  },
}

/** Text for a serde: as it is for strings, UTF-8 bytes for bytes, else JSON. */
function parse(text: string, kind: string, what: string): unknown {
  if (kind === 'string') return text
  if (kind === 'bytes') return Buffer.from(text, 'utf8')
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new KafkakitError(ErrorCode.VALIDATION, `${what} is not valid JSON (${(error as Error).message})`)
  }
}
