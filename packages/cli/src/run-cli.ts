import { KafkakitError } from '@kafkakit/core'
import type { CliIo } from './cli-io.js'
import { type Command, commandHelp, parseCommandArgs, println } from './command.js'
import { commands } from './commands.js'
import { UsageError } from './usage-error.js'

/** The overview `kafkakit --help` prints; `prefix` narrows it to one group (e.g. `topics`). */
function overview(prefix: readonly string[] = []): string {
  const shown = commands.filter((c) => prefix.every((word, i) => c.path[i] === word))
  const rows = shown.map((c) => [[...c.path, ...c.positionals].join(' '), c.summary.replace(/\.$/, '')])
  const width = Math.max(...rows.map(([left]) => left!.length))
  return [
    `Usage: kafkakit ${prefix.length ? `${prefix.join(' ')} ` : ''}<command> [options]`,
    '',
    'Commands:',
    ...rows.map(([left, right]) => `  ${left!.padEnd(width)}  ${right}`),
    '',
    `Run 'kafkakit <command> --help' for a command's options. Brokers: --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS.`,
  ].join('\n')
}

/**
 * Runs the kafkakit CLI and resolves to its exit code: 0 on success, 1 when the operation failed (one line
 * on stderr), 2 for bad arguments (one line and where to find help). Never throws.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const helpAsked = argv.includes('--help') || argv.includes('-h')
  const words = argv.filter((a) => !a.startsWith('-'))
  const command: Command | undefined = commands.find((c) => c.path.every((word, i) => words[i] === word))
  const name = command ? command.path.join(' ') : ''
  try {
    if (!command) {
      const group = commands.some((c) => c.path.length > 1 && c.path[0] === words[0]) ? [words[0]!] : []
      if (helpAsked || argv.length === 0 || (group.length > 0 && words.length === 1)) {
        println(helpAsked || argv.length === 0 ? io.stdout : io.stderr, overview(group))
        return helpAsked || argv.length === 0 ? 0 : 2
      }
      throw new UsageError(
        `unknown command ${JSON.stringify(words.slice(0, group.length + 1).join(' ') || argv[0])}`,
      )
    }
    const rest = [...argv]
    for (const word of command.path) rest.splice(rest.indexOf(word), 1)
    const args = parseCommandArgs(command, rest)
    if (args.help) {
      io.stdout.write(commandHelp(command))
      return 0
    }
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof UsageError) {
      println(
        io.stderr,
        `kafkakit${name ? ` ${name}` : ''}: ${error.message} (see 'kafkakit ${name ? `${name} ` : ''}--help')`,
      )
      return 2
    }
    const message = KafkakitError.is(error) || error instanceof Error ? error.message : String(error)
    println(io.stderr, `kafkakit${name ? ` ${name}` : ''}: ${message.replace(/\s*\n\s*/g, ' ')}`)
    return 1
  }
}
