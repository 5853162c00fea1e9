// Packs every published package and checks the tarball as a user would get it:
// publint (package.json and files) and @arethetypeswrong/cli (types resolve for ESM and CJS on Node 16+).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const root = JSON.parse(readFileSync('package.json', 'utf8'))
const packages = root.workspaces.filter((dir) => dir.startsWith('packages/'))
let failed = 0
for (const dir of packages) {
  for (const [tool, args] of [
    ['publint', ['run', dir, '--strict']],
    ['attw', ['--pack', dir, '--profile', 'node16', '--format', 'ascii']],
  ]) {
    try {
      execFileSync('npx', ['--no-install', tool, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      console.log(`ok   ${tool} ${dir}`)
    } catch (error) {
      failed += 1
      console.log(`FAIL ${tool} ${dir}\n${error.stdout}${error.stderr}`)
    }
  }
}
process.exit(failed === 0 ? 0 : 1)
