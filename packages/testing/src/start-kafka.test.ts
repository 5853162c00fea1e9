import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { startKafka } from './start-kafka.js'

// These checks must answer within seconds when a prerequisite is missing: nothing here starts a broker.
const saved = { ...process.env }
beforeEach(async () => {
  delete process.env.KAFKA_BOOTSTRAP_SERVERS
  process.env.KAFKAKIT_CACHE_DIR = await mkdtemp(join(tmpdir(), 'kafkakit-cache-'))
})
afterEach(() => {
  process.env = { ...saved }
})

async function fakeJdk(specificationVersion: string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'kafkakit-fake-jdk-'))
  await mkdir(join(home, 'bin'))
  const java = join(home, 'bin', 'java')
  await writeFile(java, `#!/bin/sh\necho "    java.specification.version = ${specificationVersion}" >&2\n`)
  await chmod(java, 0o755)
  return home
}

test('no Java at the given home: a KAFKAKIT_ENVIRONMENT error that says what is missing and how to provide it', async () => {
  const started = Date.now()
  const error = await startKafka({ mode: 'local', javaHome: '/nonexistent/jdk' }).catch((e) => e)
  expect(error).toMatchObject({ name: 'KafkakitError', code: 'KAFKAKIT_ENVIRONMENT' })
  expect(error.message).toMatch(/Java 17 or newer is needed/)
  expect(error.message).toContain('/nonexistent/jdk/bin/java (not runnable)')
  expect(error.message).toMatch(/set JAVA_HOME/)
  expect(Date.now() - started).toBeLessThan(5000)
})

test('a Java older than 17 is named with its version', async () => {
  const home = await fakeJdk('11')
  const error = await startKafka({ mode: 'local', javaHome: home }).catch((e) => e)
  expect(error).toMatchObject({ code: 'KAFKAKIT_ENVIRONMENT' })
  expect(error.message).toContain('(Java 11)')
})

test('no Maven (with nothing cached): a KAFKAKIT_ENVIRONMENT error naming Maven and KAFKAKIT_MVN', async () => {
  const home = await fakeJdk('17')
  const error = await startKafka({ mode: 'local', javaHome: home, mavenCommand: '/nonexistent/mvn' }).catch(
    (e) => e,
  )
  expect(error).toMatchObject({ code: 'KAFKAKIT_ENVIRONMENT' })
  expect(error.message).toMatch(/Maven was not found \(tried "\/nonexistent\/mvn"\)/)
  expect(error.message).toContain('KAFKAKIT_MVN')
})

test('auto mode with nothing available lists every mode it tried', async () => {
  const error = await startKafka({ javaHome: '/nonexistent/jdk' }).catch((e) => e)
  expect(error).toMatchObject({ code: expect.stringMatching(/KAFKAKIT_(ENVIRONMENT|START_FAILED)/) })
  if (error.code === 'KAFKAKIT_ENVIRONMENT') {
    expect(error.message).toContain('auto mode passed over external: KAFKA_BOOTSTRAP_SERVERS is not set')
    expect(error.message).toContain('container: no container runtime')
  }
})

test('external mode without KAFKA_BOOTSTRAP_SERVERS is a configuration error', async () => {
  await expect(startKafka({ mode: 'external' })).rejects.toMatchObject({
    code: 'KAFKAKIT_CONFIG',
    message: expect.stringContaining('KAFKA_BOOTSTRAP_SERVERS'),
  })
})
