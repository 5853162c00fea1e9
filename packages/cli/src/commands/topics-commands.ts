import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { type Command, intOption, println } from '../command.js'
import { clientFromOptions, connectionOptions } from '../connection-options.js'
import { UsageError } from '../usage-error.js'

const json = { type: 'boolean', description: 'print JSON instead of text' } as const

export const topicsList: Command = {
  path: ['topics', 'list'],
  positionals: [],
  summary:
    'Lists the topics, sorted, one per line (internal topics such as __consumer_offsets only with --internal).',
  options: { ...connectionOptions, internal: { type: 'boolean', description: 'include internal topics' } },
  async run({ values }, io) {
    await using client = clientFromOptions(values, io.env)
    const names = (await client.admin().listTopics()).filter(
      (name) => values.internal || !name.startsWith('__'),
    )
    for (const name of names.sort()) println(io.stdout, name)
    return 0
  },
}

export const topicsCreate: Command = {
  path: ['topics', 'create'],
  positionals: ['<topic>'],
  summary: 'Creates a topic and waits until its partitions have leaders.',
  options: {
    ...connectionOptions,
    partitions: {
      type: 'string',
      value: 'N',
      description: "number of partitions (default: the broker's num.partitions)",
    },
    'replication-factor': {
      type: 'string',
      value: 'N',
      description: "replicas per partition (default: the broker's)",
    },
    config: {
      type: 'string',
      multiple: true,
      value: 'KEY=VALUE',
      description: 'a topic config, e.g. cleanup.policy=compact',
    },
    'if-not-exists': { type: 'boolean', description: 'succeed when the topic exists already' },
  },
  examples: ['kafkakit topics create orders --partitions 3 --config retention.ms=86400000'],
  async run({ values, positionals }, io) {
    const name = positionals[0]!
    const partitions = intOption(values, 'partitions', 1)
    const replicationFactor = intOption(values, 'replication-factor', 1)
    const configs: Record<string, string> = {}
    for (const entry of (values.config as string[] | undefined) ?? []) {
      const at = entry.indexOf('=')
      if (at <= 0) throw new UsageError(`--config expects KEY=VALUE, got ${JSON.stringify(entry)}`)
      configs[entry.slice(0, at)] = entry.slice(at + 1)
    }
    await using client = clientFromOptions(values, io.env)
    const admin = client.admin()
    if ((await admin.listTopics()).includes(name)) {
      if (values['if-not-exists']) return 0
      throw new KafkakitError(
        ErrorCode.CONFIG,
        `Topic ${name} already exists (pass --if-not-exists to accept that)`,
      )
    }
    await admin.createTopics([
      {
        name,
        ...(partitions === undefined ? {} : { partitions }),
        ...(replicationFactor === undefined ? {} : { replicationFactor }),
        configs,
      },
    ])
    println(io.stderr, `created topic ${name}`)
    return 0
  },
}

export const topicsDescribe: Command = {
  path: ['topics', 'describe'],
  positionals: ['<topic...>'],
  summary: 'Shows partitions, leaders, replicas, in-sync replicas and end offsets.',
  options: { ...connectionOptions, json },
  async run({ values, positionals }, io) {
    await using client = clientFromOptions(values, io.env)
    const admin = client.admin()
    const described = await admin.describeTopics(positionals)
    const topics = []
    for (const topic of described) {
      const ends = new Map((await admin.endOffsets(topic.name)).map((p) => [p.partition, p.offset]))
      topics.push({
        name: topic.name,
        partitions: topic.partitions.map((p) => ({ ...p, endOffset: ends.get(p.partition) ?? null })),
      })
    }
    if (values.json) {
      println(io.stdout, JSON.stringify(topics, null, 2))
      return 0
    }
    for (const topic of topics) {
      println(io.stdout, `${topic.name}  partitions: ${topic.partitions.length}`)
      for (const p of topic.partitions) {
        println(
          io.stdout,
          `  partition ${p.partition}  leader ${p.leader}  replicas ${p.replicas.join(',')}  isr ${p.isr.join(',')}  end offset ${p.endOffset}`,
        )
      }
    }
    return 0
  },
}

export const topicsDelete: Command = {
  path: ['topics', 'delete'],
  positionals: ['<topic...>'],
  summary: 'Deletes topics.',
  options: { ...connectionOptions },
  async run({ values, positionals }, io) {
    await using client = clientFromOptions(values, io.env)
    await client.admin().deleteTopics(positionals)
    for (const name of positionals) println(io.stderr, `deleted topic ${name}`)
    return 0
  },
}
