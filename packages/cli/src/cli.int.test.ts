import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createConsumer, nonRetriable } from '@kafkakit/consumer'
import { bytes, createClient, defineTopic, ErrorCode, KafkakitError, string } from '@kafkakit/core'
import { createProducer } from '@kafkakit/producer'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { kafkakit } from './built-cli.test-helper.js'
import { scratchDir } from './codegen/generated-module.test-helper.js'

const { bootstrapServers } = inject('kafkakit')
const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrapServers }
const client = createClient({ brokers: bootstrapServers.split(',') })
afterAll(() => client.stop())

const run = (args: string[], input?: string) =>
  kafkakit(args, { env, ...(input === undefined ? {} : { input }) })
const json = (stdout: string) => JSON.parse(stdout) as unknown
const oneLine = (stderr: string) => expect(stderr.trim().split('\n')).toHaveLength(1)

describe('kafkakit topics', () => {
  test('create, list, describe, delete', async () => {
    const name = uniqueName('cli-topic')
    const created = await run([
      'topics',
      'create',
      name,
      '--partitions',
      '3',
      '--config',
      'cleanup.policy=compact',
    ])
    expect(created).toMatchObject({ code: 0, stderr: `created topic ${name}\n` })
    expect((await run(['topics', 'list'])).stdout.split('\n')).toContain(name)
    expect((await run(['topics', 'list'])).stdout).not.toMatch(/^__/m)

    const again = await run(['topics', 'create', name])
    expect(again.code).toBe(1)
    expect(again.stderr).toBe(
      `kafkakit topics create: Topic ${name} already exists (pass --if-not-exists to accept that)\n`,
    )
    expect(await run(['topics', 'create', name, '--if-not-exists'])).toMatchObject({ code: 0 })

    const described = await run(['topics', 'describe', name, '--json'])
    expect(described.code).toBe(0)
    expect(json(described.stdout)).toEqual([
      {
        name,
        partitions: [0, 1, 2].map((partition) => ({
          partition,
          leader: 1,
          replicas: [1],
          isr: [1],
          endOffset: '0',
        })),
      },
    ])
    const text = await run(['topics', 'describe', name])
    expect(text.stdout).toContain(
      `${name}  partitions: 3\n  partition 0  leader 1  replicas 1  isr 1  end offset 0`,
    )

    expect(await run(['topics', 'delete', name])).toMatchObject({
      code: 0,
      stderr: `deleted topic ${name}\n`,
    })
    await waitFor(async () => !(await run(['topics', 'list'])).stdout.split('\n').includes(name), {
      timeoutMs: 15_000,
    })
  })
})

describe('kafkakit produce and consume', () => {
  test('plain lines with a key separator; consume from the beginning as JSON lines; binary as base64', async () => {
    const name = await createTopic(bootstrapServers, { prefix: 'cli-plain', partitions: 1 })
    const sent = await run(['produce', name, '--key-separator', ':'], 'k1:v1\nk2:{"a":1}\n\nk3:with:colon\n')
    expect(sent).toMatchObject({ code: 0, stderr: `sent 3 records to ${name}\n` })
    await using producer = createProducer(client)
    await producer.send(defineTopic({ name, value: bytes() }), {
      value: Buffer.from([0xff, 0xfe]),
      rawHeaders: { h: 'x' },
    })
    const consumed = await run(['consume', name, '--from-beginning', '--max-messages', '4'])
    expect(consumed.code).toBe(0)
    expect(
      consumed.records.map(({ key, value, headers, offset }) => ({ key, value, headers, offset })),
    ).toEqual([
      { key: 'k1', value: 'v1', headers: {}, offset: '0' },
      { key: 'k2', value: '{"a":1}', headers: {}, offset: '1' },
      { key: 'k3', value: 'with:colon', headers: {}, offset: '2' },
      { key: null, value: { base64: '//4=' }, headers: { h: 'x' }, offset: '3' },
    ])
    expect(consumed.records[0]).toMatchObject({ topic: name, partition: 0, timestamp: expect.any(Number) })

    // Without a separator, each line is a value; a line without the separator is refused when one is set.
    expect(await run(['produce', name], 'just a value\n')).toMatchObject({ code: 0 })
    const refused = await run(['produce', name, '--key-separator', ':'], 'a:1\nno separator\n')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe('kafkakit produce: line 2: no key separator ":"\n')
    expect((await client.admin().endOffsets(name))[0]!.offset).toBe('5')
  })

  test('a topic module makes produce and consume schema-aware: nothing is sent when a line is invalid', async () => {
    const name = await createTopic(bootstrapServers, { prefix: 'cli-module', partitions: 1 })
    mkdirSync(scratchDir, { recursive: true })
    const module = join(scratchDir, `${uniqueName('topic')}.mjs`)
    writeFileSync(
      module,
      `import { defineTopic, json, string } from '@kafkakit/core'
import { z } from 'zod'
export const Order = z.object({ id: z.string(), qty: z.number().int().positive() })
export const orders = defineTopic({ name: ${JSON.stringify(name)}, key: string(), value: json(Order) })
export const notATopic = 1
`,
    )
    const bad = await run(
      ['produce', name, '--topic-module', module, '--key-separator', '\t'],
      'a\t{"id":"a","qty":1}\nb\t{"id":"b","qty":0}\n',
    )
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^kafkakit produce: line 2: Topic cli-module-.*: Invalid value: qty: .*\n$/)
    oneLine(bad.stderr)
    const notJson = await run(
      ['produce', name, '--topic-module', module, '--key-separator', '\t'],
      'a\t{id}\n',
    )
    expect(notJson).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('line 1: value is not valid JSON'),
    })
    expect((await client.admin().endOffsets(name))[0]!.offset).toBe('0')

    const good = await run(
      ['produce', name, '--topic-module', module, '--export', 'orders', '--key-separator', '\t'],
      'a\t{"id":"a","qty":1}\nb\t{"id":"b","qty":2,"extra":true}\n',
    )
    expect(good).toMatchObject({ code: 0, stderr: `sent 2 records to ${name}\n` })
    const consumed = await run([
      'consume',
      name,
      '--from-beginning',
      '--max-messages',
      '2',
      '--topic-module',
      module,
    ])
    expect(consumed.records.map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'a', value: { id: 'a', qty: 1 } },
      { key: 'b', value: { id: 'b', qty: 2 } },
    ])
    // A record the module's schema refuses is printed raw, with the error.
    await using producer = createProducer(client)
    await producer.send(defineTopic({ name, key: string(), value: string() }), {
      key: 'c',
      value: '{"id":1}',
    })
    const mixed = await run([
      'consume',
      name,
      '--from-beginning',
      '--max-messages',
      '3',
      '--topic-module',
      module,
    ])
    expect(mixed.records[2]).toMatchObject({
      key: 'c',
      value: '{"id":1}',
      error: expect.stringContaining('Invalid value'),
    })

    const wrongExport = await run(['produce', name, '--topic-module', module, '--export', 'notATopic'], 'x\n')
    expect(wrongExport).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('exports no topic named notATopic'),
    })
  })

  test('consume without --from-beginning sees only new records; --timeout-ms ends a wait', async () => {
    const name = await createTopic(bootstrapServers, { prefix: 'cli-latest', partitions: 1 })
    await run(['produce', name], 'old\n')
    const consuming = run(['consume', name, '--max-messages', '1'])
    let done = false
    void consuming.then(() => {
      done = true
    })
    // Keep producing until the consumer, once it has joined, sees one.
    while (!done) {
      await run(['produce', name], 'new\n')
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    const consumed = await consuming
    expect(consumed.code).toBe(0)
    expect(consumed.records.map((r) => r.value)).toEqual(['new'])

    const idle = await run(['consume', name, '--timeout-ms', '3000'])
    expect(idle).toMatchObject({ code: 0, stdout: '' })
    const short = await run([
      'consume',
      name,
      '--from-beginning',
      '--max-messages',
      '1000',
      '--timeout-ms',
      '4000',
    ])
    expect(short.code).toBe(1)
    expect(short.records.length).toBeGreaterThanOrEqual(2)
    expect(short.stderr).toMatch(
      /^kafkakit: timed out after 4000 ms without a record: consumed \d+ of 1000\n$/,
    )
  })

  test('consume until Ctrl-C: SIGINT stops it cleanly with exit code 0 after what it printed', async () => {
    const name = await createTopic(bootstrapServers, { prefix: 'cli-sigint', partitions: 1 })
    await run(['produce', name], 'a\nb\n')
    const consumed = await kafkakit(['consume', name, '--from-beginning'], {
      env,
      interruptWhen: (stdout) => stdout.split('\n').length > 2,
    })
    expect(consumed).toMatchObject({ code: 0, stderr: '' })
    expect(consumed.records.map((r) => r.value)).toEqual(['a', 'b'])
  })
})

describe('kafkakit groups', () => {
  test('consume --group commits what it printed; groups list and describe show committed, end and lag', async () => {
    const name = await createTopic(bootstrapServers, { prefix: 'cli-lag', partitions: 2 })
    const group = uniqueName('cli-group')
    await using producer = createProducer(client)
    const plain = defineTopic({ name, value: string() })
    await producer.send(
      plain,
      ['a', 'b', 'c'].map((value) => ({ value, partition: 0 })),
    )
    await producer.send(
      plain,
      ['d', 'e'].map((value) => ({ value, partition: 1 })),
    )

    const first = await run(['consume', name, '--group', group, '--from-beginning', '--max-messages', '3'])
    expect(first.records).toHaveLength(3)
    expect((await run(['groups', 'list'])).stdout.split('\n')).toContain(group)
    expect((await run(['topics', 'list'])).stdout).not.toContain('__consumer_offsets')
    expect((await run(['topics', 'list', '--internal'])).stdout.split('\n')).toContain('__consumer_offsets')
    const described = await run(['groups', 'describe', group, '--json'])
    const lag = json(described.stdout) as {
      state: string
      partitions: { committedOffset: string | null; endOffset: string; lag: string | null }[]
    }
    expect(lag.state).toBe('Empty')
    expect(lag.partitions.map((p) => p.endOffset)).toEqual(['3', '2'])
    const committed = lag.partitions.map((p) => Number(p.committedOffset ?? 0))
    expect(committed[0]! + committed[1]!).toBe(3)
    expect(lag.partitions.map((p) => (p.lag === null ? Number(p.endOffset) : Number(p.lag)))).toEqual([
      3 - committed[0]!,
      2 - committed[1]!,
    ])

    // The group resumes from its commits; --from-beginning applies where it has none.
    const rest = await run(['consume', name, '--group', group, '--from-beginning', '--max-messages', '2'])
    expect([...first.records, ...rest.records].map((r) => r.value).sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
    const text = await run(['groups', 'describe', group])
    expect(text.stdout).toBe(
      [
        `group ${group}  state Empty  members 0`,
        `${'TOPIC'.padEnd(name.length)}  PARTITION  COMMITTED  END  LAG  MEMBER`,
        `${name}  0          3          3    0    -`,
        `${name}  1          2          2    0    -`,
        '',
      ].join('\n'),
    )
  })

  test('a consume without --group commits nothing', async () => {
    const name = await createTopic(bootstrapServers, { prefix: 'cli-nocommit', partitions: 1 })
    await run(['produce', name], 'a\nb\n')
    const before = new Set((await client.admin().listGroups()).map((g) => g.groupId))
    expect((await run(['consume', name, '--from-beginning', '--max-messages', '2'])).records).toHaveLength(2)
    const throwaway = (await client.admin().listGroups()).filter(
      (g) => !before.has(g.groupId) && g.groupId.startsWith('kafkakit-cli-'),
    )
    expect(throwaway.length).toBeGreaterThanOrEqual(1)
    for (const { groupId } of throwaway) {
      expect(await client.admin().committedOffsets(groupId, [name])).toEqual([
        { topic: name, partition: 0, offset: '-1' },
      ])
    }
  })
})

describe('kafkakit dlq replay', () => {
  test('replays dead letters of a real consumer byte for byte, with filters, --dry-run and --max-messages', async () => {
    const source = await createTopic(bootstrapServers, { prefix: 'cli-orders', partitions: 2 })
    const dlt = await createTopic(bootstrapServers, { name: `${source}-dlt`, partitions: 1 })
    const target = await createTopic(bootstrapServers, { prefix: 'cli-replayed', partitions: 1 })
    const topic = defineTopic({ name: source, value: string() })
    await using producer = createProducer(client)
    await producer.send(topic, [
      { value: 'ok-1' },
      { value: 'bad-validation-1', rawHeaders: { trace: 'abc' } },
      { value: 'bad-other-1' },
      { value: 'bad-validation-2' },
    ])
    const raw = defineTopic({ name: source, key: bytes(), value: bytes(), tombstones: true })
    await producer.send(raw, {
      key: Buffer.from([0x00, 0xff]),
      value: Buffer.from('bad-validation-3'),
      rawHeaders: { bin: Buffer.from([1, 2]), hop: ['a', 'b'] },
    })
    const consumer = createConsumer(client, {
      groupId: uniqueName('failing'),
      topics: [topic],
      fromBeginning: true,
      deadLetter: true,
      retry: { attempts: 1 },
      handler: async (message) => {
        if (message.value.startsWith('bad-validation'))
          throw new KafkakitError(ErrorCode.VALIDATION, 'refused')
        if (message.value.startsWith('bad-other')) throw nonRetriable(new Error('boom'))
      },
    })
    await consumer.start()
    await waitFor(async () => (await client.admin().endOffsets(dlt))[0]!.offset === '4', {
      timeoutMs: 30_000,
    })
    await consumer.stop()

    const dry = await run([
      'dlq',
      'replay',
      dlt,
      '--to',
      target,
      '--error-code',
      'KAFKAKIT_VALIDATION',
      '--dry-run',
    ])
    expect(dry.code).toBe(0)
    expect(dry.stderr).toBe(`would replay 3 of 4 dead-letter records from ${dlt} to ${target}\n`)
    expect(dry.records.map((r) => r.value).sort()).toEqual([
      'bad-validation-1',
      'bad-validation-2',
      'bad-validation-3',
    ])
    expect(dry.records.find((r) => r.value === 'bad-validation-1')).toMatchObject({
      originalTopic: source,
      errorCode: 'KAFKAKIT_VALIDATION',
      error: expect.stringContaining('refused'),
      headers: { trace: 'abc' },
    })
    expect((await client.admin().endOffsets(target))[0]!.offset).toBe('0')

    const none = await run([
      'dlq',
      'replay',
      dlt,
      '--to',
      target,
      '--since',
      new Date(Date.now() + 60_000).toISOString(),
    ])
    expect(none).toMatchObject({
      code: 0,
      stderr: `replayed 0 of 4 dead-letter records from ${dlt} to ${target}\n`,
    })
    const other = await run([
      'dlq',
      'replay',
      dlt,
      '--to',
      target,
      '--original-topic',
      'elsewhere',
      '--dry-run',
    ])
    expect(other.stderr).toContain('would replay 0 of 4')

    const replayed = await run([
      'dlq',
      'replay',
      dlt,
      '--to',
      target,
      '--original-topic',
      source,
      '--error-code',
      'KAFKAKIT_VALIDATION',
    ])
    expect(replayed).toMatchObject({
      code: 0,
      stderr: `replayed 3 of 4 dead-letter records from ${dlt} to ${target}\n`,
    })
    const received: { key: Buffer | null; value: Buffer | null; headers: Record<string, unknown> }[] = []
    const reader = createConsumer(client, {
      groupId: uniqueName('reader'),
      topics: [defineTopic({ name: target, value: bytes(), tombstones: true })],
      fromBeginning: true,
      handler: async (message) => {
        received.push({
          key: message.key as Buffer | null,
          value: message.value,
          headers: message.rawHeaders,
        })
      },
    })
    await reader.start()
    await waitFor(() => received.length === 3, { timeoutMs: 30_000 })
    await reader.stop()
    const byValue = Object.fromEntries(received.map((r) => [r.value!.toString(), r]))
    expect(Object.keys(byValue).sort()).toEqual(['bad-validation-1', 'bad-validation-2', 'bad-validation-3'])
    expect(byValue['bad-validation-3']!.key).toEqual(Buffer.from([0x00, 0xff]))
    expect(byValue['bad-validation-3']!.headers).toEqual({
      bin: Buffer.from([1, 2]),
      hop: [Buffer.from('a'), Buffer.from('b')],
    })
    expect(byValue['bad-validation-1']!.headers).toEqual({ trace: Buffer.from('abc') })
    expect(byValue['bad-validation-2']!.key).toBeNull()

    const limited = await run(['dlq', 'replay', dlt, '--to', target, '--max-messages', '1', '--dry-run'])
    expect(limited.records).toHaveLength(1)
    expect(limited.stderr).toMatch(/^would replay 1 of \d dead-letter records/)
  })
})

describe('errors', () => {
  test('an unreachable cluster: one line, exit code 1, within seconds, for every kind of command', async () => {
    for (const args of [
      ['topics', 'list'],
      ['groups', 'list'],
      ['consume', 't'],
      ['dlq', 'replay', 'a', '--to', 'b'],
    ]) {
      const result = await kafkakit([...args, '--bootstrap-servers', '127.0.0.1:1'])
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr).toMatch(/^kafkakit .*: .*ECONNREFUSED 127\.0\.0\.1:1.*\n$/)
      oneLine(result.stderr)
      expect(result.ms).toBeLessThan(10_000)
    }
    const produce = await kafkakit(['produce', 't', '-b', '127.0.0.1:1'], { input: 'x\n' })
    expect(produce.code).toBe(1)
    oneLine(produce.stderr)
  })

  test('a topic that does not exist is one line and exit code 1', async () => {
    const missing = uniqueName('missing')
    for (const args of [
      ['consume', missing],
      ['topics', 'describe', missing],
      ['topics', 'delete', missing],
    ]) {
      const result = await run(args)
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr).toContain(missing)
      oneLine(result.stderr)
    }
  })

  test('a group that does not exist is one line and exit code 1', async () => {
    const group = uniqueName('no-group')
    const result = await run(['groups', 'describe', group])
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr).toBe(
      `kafkakit groups describe: Group ${group} does not exist (no members and no committed offsets)\n`,
    )
  })

  test('bad arguments: one line, exit code 2', async () => {
    const result = await run(['topics', 'create', '--partitions', 'two', 'x'])
    expect(result).toMatchObject({ code: 2, stdout: '' })
    expect(result.stderr).toBe(
      'kafkakit topics create: --partitions must be an integer of at least 1, got "two" (see \'kafkakit topics create --help\')\n',
    )
  })
})
