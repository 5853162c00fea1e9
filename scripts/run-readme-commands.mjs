// Runs every command of README.md's ```sh blocks, exactly as written and in the order written, in this
// checkout (CI's is a fresh clone), so the README cannot drift from what works. Usage:
//   node scripts/run-readme-commands.mjs [README.md] [--dry-run]
// - Each line is one command (a trailing `\` continues it); all run in one bash with `set -euo pipefail`,
//   so `export` and `cd` carry over as they would for a person pasting them in order.
// - A command whose comment says `runs until Ctrl-C` runs in the background; the next commands wait until
//   it prints a line `NAME=value` (exported for them, as the README tells the reader to do), and at the end
//   it gets Ctrl-C (SIGINT) and must exit 0 (or 130, npx's answer to Ctrl-C).
// - `npm install` of @kafkakit/* packages (the line a user runs in their own service) runs last, in a new
//   project outside this checkout, with the packages packed from this checkout in place of the registry's.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The commands of the ```sh blocks of a Markdown text, in order: `{ line, command, background }`. */
export function readmeCommands(markdown) {
  const commands = []
  let inBlock = false
  let pending = ''
  let startLine = 0
  markdown.split('\n').forEach((text, index) => {
    const fence = /^\s*```(\S*)/.exec(text)
    if (fence) {
      inBlock = !inBlock && fence[1] === 'sh'
      return
    }
    if (!inBlock) return
    if (!pending) startLine = index + 1
    const continued = /\\\s*$/.test(text)
    pending += continued ? `${text.replace(/\\\s*$/, '')} ` : text
    if (continued) return
    const full = pending.trim()
    pending = ''
    if (!full || full.startsWith('#')) return
    const background = /#.*runs until Ctrl-C/i.test(full)
    commands.push({ line: startLine, command: full.replace(/\s+#.*$/, ''), background })
  })
  return commands
}

/** `npm install` lines that install @kafkakit packages: a user's line, for their own project. */
export const isUserInstall = (command) =>
  /^npm (install|i|add)\b/.test(command) && /\s@kafkakit\/[a-z-]+/.test(command)

const bashQuote = (text) => `'${text.replaceAll("'", "'\\''")}'`

/** The bash script that runs `commands` in order; user installs are left for later. */
export function scriptOf(commands) {
  const lines = [
    'set -euo pipefail',
    'background_pids=()',
    // Starts a long-running command, waits for its NAME=value line and exports it.
    'start_background() {',
    '  local log; log=$(mktemp)',
    // Job control on: the command gets a process group of its own and Ctrl-C is not ignored there.
    '  set -m; bash -c "$1" >"$log" 2>&1 & set +m',
    '  background_pids+=($!)',
    '  local deadline=$((SECONDS + 300))',
    '  until grep -qE "^[A-Z_]+=" "$log"; do',
    '    if ! kill -0 "$!" 2>/dev/null; then cat "$log"; echo "readme: exited before it was ready: $1"; return 1; fi',
    '    if ((SECONDS > deadline)); then cat "$log"; echo "readme: not ready after 300 s: $1"; return 1; fi',
    '    sleep 1',
    '  done',
    '  cat "$log"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
    '  while IFS= read -r assignment; do export "${assignment?}"; done < <(grep -E "^[A-Z_]+=" "$log")',
    '}',
    // Ctrl-C to each, and each must exit 0.
    'stop_background() {',
    '  local status=0',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
    '  for pid in "${background_pids[@]}"; do',
    '    kill -INT -- "-$pid" 2>/dev/null || true',
    '    local code=0; wait "$pid" || code=$?',
    // 130 (128 + SIGINT): npx reports Ctrl-C so even when the command under it exits 0, as in a terminal.
    '    if ((code != 0 && code != 130)); then echo "readme: a background command exited $code after Ctrl-C"; status=1; fi',
    '  done',
    '  return $status',
    '}',
    "trap 'stop_background || exit 1' EXIT",
  ]
  for (const { line, command, background } of commands) {
    if (isUserInstall(command)) continue
    lines.push(`echo ${bashQuote(`::: README.md:${line}: ${command}`)}`)
    lines.push(background ? `start_background ${bashQuote(command)}` : command)
  }
  return `${lines.join('\n')}\n`
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (result.status !== 0) {
    console.error(`readme: failed (exit ${result.status ?? result.signal}): ${command} ${args.join(' ')}`)
    process.exit(1)
  }
}

/**
 * Runs a user's `npm install @kafkakit/...` lines in one new project, outside this checkout, with this
 * checkout's packages packed in place of the registry's; then the README's quick start must compile there.
 */
export function runUserInstalls(installs, root) {
  const project = mkdtempSync(join(tmpdir(), 'kafkakit-readme-'))
  const packed = join(project, 'packed')
  mkdirSync(packed)
  const names = [...new Set(installs.flatMap(({ command }) => command.match(/@kafkakit\/[a-z-]+/g) ?? []))]
  const workspaces = names.flatMap((name) => ['-w', `packages/${name.slice('@kafkakit/'.length)}`])
  run('npm', ['pack', '--silent', '--pack-destination', packed, ...workspaces], {
    cwd: root,
    stdio: 'ignore',
  })
  const manifest = { name: 'service', private: true, type: 'module' }
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest)}\n`)
  const tarball = (name) => join(packed, `${name.slice(1).replace('/', '-')}-${version(root, name)}.tgz`)
  for (const { line, command } of installs) {
    console.log(
      `::: README.md:${line}: ${command} (in a new project, with the packages packed from this checkout)`,
    )
    run('bash', ['-c', command.replace(/@kafkakit\/[a-z-]+/g, (name) => tarball(name))], { cwd: project })
  }
  const quickStart = quickStartCode(readFileSync(join(root, 'README.md'), 'utf8'))
  if (quickStart) {
    // The quick start as a user pastes it into a service: it must compile against what was installed.
    console.log('::: README.md quick start: compiles in that project (strict, nodenext)')
    writeFileSync(join(project, 'quick-start.ts'), quickStart)
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
    const flags = ['--strict', '--exactOptionalPropertyTypes', '--module', 'nodenext', '--target', 'es2023']
    const types = ['--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), '--noEmit']
    run(process.execPath, [tsc, ...flags, ...types, 'quick-start.ts'], { cwd: project })
  }
  rmSync(project, { recursive: true, force: true })
}

/** The first ```ts block after the "## Quick start" heading. */
export function quickStartCode(markdown) {
  const section = markdown.split(/^## Quick start\s*$/m)[1]
  return section ? /```ts\n([\s\S]*?)```/.exec(section)?.[1] : undefined
}

const version = (root, name) =>
  JSON.parse(readFileSync(join(root, 'packages', name.slice('@kafkakit/'.length), 'package.json'), 'utf8'))
    .version

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const readme = resolve(args.find((arg) => !arg.startsWith('--')) ?? 'README.md')
  const root = resolve(readme, '..')
  const commands = readmeCommands(readFileSync(readme, 'utf8'))
  for (const needed of ['npm ci', 'npm test']) {
    if (!commands.some(({ command }) => command.includes(needed))) {
      console.error(`readme: README.md has no \`${needed}\` command in a sh block`)
      process.exit(1)
    }
  }
  const script = scriptOf(commands)
  if (args.includes('--dry-run')) {
    process.stdout.write(script)
    for (const c of commands.filter(({ command }) => isUserInstall(command)))
      console.log(`# then: ${c.command}`)
  } else {
    run('bash', ['-c', script], { cwd: root })
    const installs = commands.filter(({ command }) => isUserInstall(command))
    if (installs.length > 0) runUserInstalls(installs, root)
    console.log(`readme: ${commands.length} commands of ${readme} ran`)
  }
}
