import type { Command } from '../command.js'
import { println } from '../command.js'
import { clientFromOptions, connectionOptions } from '../connection-options.js'
import { groupLag } from '../group-lag.js'

const json = { type: 'boolean', description: 'print JSON instead of text' } as const

export const groupsList: Command = {
  path: ['groups', 'list'],
  positionals: [],
  summary: 'Lists the consumer groups, sorted, one per line.',
  options: { ...connectionOptions, json },
  async run({ values }, io) {
    await using client = clientFromOptions(values, io.env)
    const groups = await client.admin().listGroups()
    if (values.json) println(io.stdout, JSON.stringify(groups, null, 2))
    else for (const group of groups) println(io.stdout, group.groupId)
    return 0
  },
}

export const groupsDescribe: Command = {
  path: ['groups', 'describe'],
  positionals: ['<group>'],
  summary:
    "Shows a group's state and members, and per partition its committed offset, the end offset and the lag (end - committed).",
  options: {
    ...connectionOptions,
    topic: {
      type: 'string',
      multiple: true,
      value: 'TOPIC',
      description: 'only these topics (default: the assigned topics and every topic the group committed on)',
    },
    json,
  },
  async run({ values, positionals }, io) {
    await using client = clientFromOptions(values, io.env)
    const lag = await groupLag(client.admin(), positionals[0]!, values.topic as string[] | undefined)
    if (values.json) {
      println(io.stdout, JSON.stringify(lag, null, 2))
      return 0
    }
    println(io.stdout, `group ${lag.groupId}  state ${lag.state}  members ${lag.members.length}`)
    const header = ['TOPIC', 'PARTITION', 'COMMITTED', 'END', 'LAG', 'MEMBER']
    const rows = lag.partitions.map((p) => [
      p.topic,
      String(p.partition),
      p.committedOffset ?? '-',
      p.endOffset,
      p.lag ?? '-',
      p.memberId ?? '-',
    ])
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    for (const row of [header, ...rows]) {
      println(
        io.stdout,
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
    }
    return 0
  },
}
