import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { cacheDir } from '../cache-dir.js'
import type { JavaRuntime } from './find-java.js'
import { runMaven } from './run-maven.js'

const run = promisify(execFile)

/** Where the runnable jar sits in the archive: at the root (3.0.x runner jar, 3.3.x) or under quarkus-app/. */
const jarCandidates = (version: string) => [
  `apicurio-registry-app-${version}-runner.jar`,
  'quarkus-run.jar',
  join('quarkus-app', 'quarkus-run.jar'),
]

/**
 * The runnable jar of Apicurio Registry `version`, from io.apicurio:apicurio-registry-app:<version>:tar.gz:all
 * on Maven Central: fetched by Maven and unpacked on first use, then cached (later runs are offline).
 */
export async function apicurioJar(
  version: string,
  options: { java: JavaRuntime; mavenCommand: string | undefined; signal?: AbortSignal | undefined },
): Promise<string> {
  const dir = join(cacheDir(), `apicurio-registry-${version}`)
  const cached = findJar(dir, version)
  if (cached) return cached
  await mkdir(cacheDir(), { recursive: true })
  const work = await mkdtemp(join(cacheDir(), `.apicurio-${version}-`))
  try {
    await runMaven(
      [
        'dependency:copy',
        `-Dartifact=io.apicurio:apicurio-registry-app:${version}:tar.gz:all`,
        `-DoutputDirectory=${work}`,
      ],
      {
        ...options,
        cwd: work,
        purpose: `Apicurio Registry ${version} (io.apicurio:apicurio-registry-app, ~150 MB)`,
      },
    )
    const archive = (await readdir(work)).find((name) => name.endsWith('.tar.gz'))
    if (!archive) throw new Error(`Maven fetched no archive into ${work}`)
    const unpacked = join(work, 'dist')
    await mkdir(unpacked)
    await run('tar', ['-xzf', join(work, archive), '-C', unpacked])
    await rm(dir, { recursive: true, force: true })
    await rename(unpacked, dir)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  const jar = findJar(dir, version)
  if (!jar)
    throw new Error(`no runnable jar (${jarCandidates(version).join(', ')}) in Apicurio Registry ${version}`)
  return jar
}

function findJar(dir: string, version: string): string | undefined {
  return jarCandidates(version)
    .map((name) => join(dir, name))
    .find((path) => existsSync(path))
}
