import { ErrorCode, KafkakitError } from '@kafkakit/core'

/**
 * testcontainers, an optional peer dependency: installed by those who run brokers in containers, loaded
 * only when a container is started (or a runtime looked for), so local and external runs never need it.
 */
export async function loadTestcontainers(): Promise<typeof import('testcontainers')> {
  try {
    return await import('testcontainers')
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.ENVIRONMENT,
      'Container mode needs the testcontainers package: npm install -D testcontainers',
      { cause: error },
    )
  }
}
