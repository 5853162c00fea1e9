import { parseArgs } from 'node:util'
import type { CliIo } from './cli-io.js'
import { UsageError } from './usage-error.js'

export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  readonly multiple?: boolean
  /** Shown in --help, e.g. `N` for `--partitions N`. */
  readonly value?: string
  readonly description: string
}

export type OptionValues = { readonly [name: string]: string | boolean | string[] | undefined }

export interface CommandArgs {
  readonly values: OptionValues
  readonly positionals: readonly string[]
}

/** One command of the CLI, e.g. `topics create`. */
export interface Command {
  /** Its words, e.g. ['topics', 'create']. */
  readonly path: readonly string[]
  /** Positional arguments as shown in help, e.g. '<topic>'; '...' in a name allows several. */
  readonly positionals: readonly string[]
  /** One line for the command list. */
  readonly summary: string
  /** More, for the command's --help. */
  readonly description?: string
  readonly options: { readonly [name: string]: OptionSpec }
  /** Example invocations for --help. */
  readonly examples?: readonly string[]
  /** Runs it; resolves to the exit code. */
  run(args: CommandArgs, io: CliIo): Promise<number>
}

const help: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' }

/** The command's `--help` text. */
export function commandHelp(command: Command): string {
  const options = { ...command.options, help }
  const rows = Object.entries(options).map(([name, spec]) => [
    `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`,
    `${spec.description}${spec.multiple ? ' (repeatable)' : ''}`,
  ])
  const width = Math.max(...rows.map(([left]) => left!.length))
  const lines = [
    `Usage: kafkakit ${[...command.path, ...command.positionals].join(' ')} [options]`,
    '',
    command.summary,
    ...(command.description ? ['', command.description] : []),
    '',
    'Options:',
    ...rows.map(([left, right]) => `  ${left!.padEnd(width)}  ${right}`),
  ]
  if (command.examples?.length) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`))
  return `${lines.join('\n')}\n`
}

/** Parses a command's arguments strictly; unknown options and missing or extra positionals are UsageErrors. */
export function parseCommandArgs(command: Command, argv: readonly string[]): CommandArgs & { help: boolean } {
  const options = Object.fromEntries(
    Object.entries({ ...command.options, help }).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short ? { short: spec.short } : {}),
        ...(spec.multiple ? { multiple: true } : {}),
      },
    ]),
  )
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''))
  }
  const values = parsed.values as OptionValues
  if (values.help) return { values, positionals: parsed.positionals, help: true }
  const required = command.positionals.filter((p) => p.startsWith('<'))
  const variadic = command.positionals.some((p) => p.includes('...'))
  if (parsed.positionals.length < required.length) {
    throw new UsageError(`missing ${required.slice(parsed.positionals.length).join(' ')}`)
  }
  if (!variadic && parsed.positionals.length > command.positionals.length) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(parsed.positionals[command.positionals.length])}`,
    )
  }
  return { values, positionals: parsed.positionals, help: false }
}

/** A string option's value, if given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

/** An integer option (at least `min`), if given; anything else is a UsageError naming the option. */
export function intOption(values: OptionValues, name: string, min: number): number | undefined {
  const value = stringOption(values, name)
  if (value === undefined) return undefined
  const number = Number(value)
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number) || number < min) {
    throw new UsageError(`--${name} must be an integer of at least ${min}, got ${JSON.stringify(value)}`)
  }
  return number
}

/** Prints a line to a stream. */
export function println(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${line}\n`)
}
