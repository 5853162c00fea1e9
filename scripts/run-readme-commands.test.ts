import { spawnSync } from 'node:child_process'
import { expect, test } from 'vitest'
// @ts-expect-error: a plain .mjs script without type declarations
import { isUserInstall, readmeCommands, scriptOf } from './run-readme-commands.mjs'

const readme = [
  '# A readme',
  '```sh',
  'npm ci',
  '# a comment line',
  'npm run build && \\',
  '  npm test',
  '```',
  '```ts',
  'const notACommand = 1',
  '```',
  '```console',
  '$ kafkakit --help',
  '```',
  '```sh',
  'npx kafkakit-testing start   # prints KAFKA_BOOTSTRAP_SERVERS=...; runs until Ctrl-C',
  'npm install @kafkakit/core zod',
  '```',
].join('\n')

test('the commands of sh blocks, in order, with continued lines joined and long-running ones marked', () => {
  expect(readmeCommands(readme)).toEqual([
    { line: 3, command: 'npm ci', background: false },
    { line: 5, command: 'npm run build &&    npm test', background: false },
    { line: 15, command: 'npx kafkakit-testing start', background: true },
    { line: 16, command: 'npm install @kafkakit/core zod', background: false },
  ])
  expect(isUserInstall('npm install @kafkakit/core zod')).toBe(true)
  expect(isUserInstall('npm install -D @kafkakit/testing')).toBe(true)
  expect(isUserInstall('npm ci')).toBe(false)
})

const runScript = (markdown: string) =>
  spawnSync('bash', ['-c', scriptOf(readmeCommands(markdown))], { encoding: 'utf8' })

test('a failing command fails the run; a long-running one hands its NAME=value on and must exit 0 on Ctrl-C', () => {
  expect(runScript('```sh\ntrue\nfalse\necho never\n```').status).not.toBe(0)
  const background = [
    '```sh',
    'bash -c \'echo ADDRESS=127.0.0.1:1; trap "exit 0" INT; while true; do sleep 0.1; done\'   # runs until Ctrl-C',
    'test "$ADDRESS" = 127.0.0.1:1',
    '```',
  ].join('\n')
  const ran = runScript(background)
  expect(ran.stdout + ran.stderr).not.toContain('readme:')
  expect(ran.status).toBe(0)
  const dies =
    '```sh\nbash -c \'echo ADDRESS=x; trap "exit 3" INT; while true; do sleep 0.1; done\'  # runs until Ctrl-C\n```'
  expect(runScript(dies).status).not.toBe(0)
})
