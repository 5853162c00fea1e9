import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder of the @kafkakit/testing package (from src/ or from dist/), where jvm/pom.xml lives. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 5; depth++) {
    if (existsSync(join(dir, 'jvm', 'pom.xml'))) return dir
    dir = dirname(dir)
  }
  throw new Error(
    `jvm/pom.xml was not found above ${fileURLToPath(import.meta.url)}; is @kafkakit/testing installed whole?`,
  )
}
