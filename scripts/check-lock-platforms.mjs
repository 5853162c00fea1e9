// Fails when package-lock.json would make `npm ci` fail on another platform: every optional dependency
// that a locked package declares (the per-platform binaries of biome, esbuild, rollup, rolldown, lz4-napi,
// ...) must have an entry of its own in the lock, as `npm ci` demands on every platform, even where the
// package would not be installed. npm install can drop the other platforms' entries when it updates a lock
// in a tree that already has node_modules (npm/cli#4828); writing the lock afresh puts them back:
//   rm -rf node_modules package-lock.json && npm install
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/**
 * The optional dependencies a lock file (lockfileVersion 2 or 3) declares but does not lock, as
 * `{ from, name }`: `from` is the lock path of the package that declares `name`.
 */
export function missingOptionalPackages(lock) {
  const packages = lock.packages ?? {}
  const missing = []
  for (const [path, entry] of Object.entries(packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolvesFrom(packages, path, name)) missing.push({ from: path || '(root)', name })
    }
  }
  return missing
}

/** Node's lookup: `<dir>/node_modules/<name>` from the package's own folder up to the root. */
function resolvesFrom(packages, path, name) {
  let dir = path
  for (;;) {
    if (`${dir ? `${dir}/` : ''}node_modules/${name}` in packages) return true
    if (!dir) return false
    const up = dir.lastIndexOf('/node_modules/')
    dir = up === -1 ? '' : dir.slice(0, up)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2] ?? 'package-lock.json'
  const missing = missingOptionalPackages(JSON.parse(readFileSync(file, 'utf8')))
  if (missing.length > 0) {
    console.error(`${file} lacks ${missing.length} optional packages, so npm ci fails on other platforms:`)
    for (const { from, name } of missing) console.error(`  ${name} (an optional dependency of ${from})`)
    console.error('Write the lock afresh: rm -rf node_modules package-lock.json && npm install')
    process.exit(1)
  }
  console.log(`${file}: every optional platform package is locked`)
}
