import { describe, expect, test } from 'vitest'
import { commands } from './commands.js'
import { runCliInMemory } from './run-cli-in-memory.test-helper.js'

const kafkakit = runCliInMemory

describe('kafkakit --help', () => {
  test('lists every command', async () => {
    const { code, stdout } = await kafkakit(['--help'])
    expect(code).toBe(0)
    for (const command of commands) expect(stdout).toContain(command.path.join(' '))
  })

  test.each(commands.map((c) => [c.path.join(' '), c] as const))(
    'kafkakit %s --help',
    async (_name, command) => {
      for (const help of ['--help', '-h']) {
        const { code, stdout, stderr } = await kafkakit([...command.path, help])
        expect(code).toBe(0)
        expect(stderr).toBe('')
        expect(stdout).toMatch(new RegExp(`^Usage: kafkakit ${command.path.join(' ')}`))
        for (const option of Object.keys(command.options)) expect(stdout).toContain(`--${option}`)
      }
    },
  )

  test('a group without its subcommand lists its subcommands (exit 2)', async () => {
    const { code, stderr } = await kafkakit(['topics'])
    expect(code).toBe(2)
    expect(stderr).toContain('topics create <topic>')
  })
})

describe('bad arguments: one line, a pointer to --help, exit code 2', () => {
  test.each([
    [['nope'], 'kafkakit: unknown command "nope"'],
    [['topics', 'nope'], 'kafkakit: unknown command "topics nope"'],
    [['topics', 'create'], "kafkakit topics create: missing <topic> (see 'kafkakit topics create --help')"],
    [['topics', 'create', 'a', 'b'], 'kafkakit topics create: unexpected argument "b"'],
    [
      ['topics', 'create', 'a', '--partitions', 'x'],
      '--partitions must be an integer of at least 1, got "x"',
    ],
    [['topics', 'create', 'a', '--config', 'novalue'], '--config expects KEY=VALUE'],
    [['topics', 'list', '--bogus'], "kafkakit topics list: Unknown option '--bogus'"],
    [['consume', 't', '--max-messages', '0'], '--max-messages must be an integer of at least 1'],
    [['topics', 'list'], 'no brokers: pass --bootstrap-servers HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS'],
    [['dlq', 'replay', 'a-dlt', '-b', '127.0.0.1:1'], '--to TOPIC is required'],
    [
      ['dlq', 'replay', 'a-dlt', '--to', 'a', '--since', 'yesterday', '-b', '127.0.0.1:1'],
      '--since expects an ISO 8601 time',
    ],
    [['produce', 't', '--key-separator', '', '-b', '127.0.0.1:1'], '--key-separator must not be empty'],
    [['produce', 't', '--export', 'x', '-b', '127.0.0.1:1'], '--export needs --topic-module'],
  ])('%j', async (argv, message) => {
    const { code, stdout, stderr } = await kafkakit(argv)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(message)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })
})
