import { randomBytes } from 'node:crypto'
import { type ConsumedMessage, createConsumer } from '@kafkakit/consumer'
import type { AnyTopic, KafkaClient } from '@kafkakit/core'

export interface ConsumeUntilOptions {
  readonly topic: AnyTopic
  /** Default: a throwaway group that never commits. */
  readonly groupId?: string | undefined
  readonly fromBeginning: boolean
  /**
   * Handles each record in order; returns 'stop' when no more are wanted. Records after a 'stop' are not
   * handled. With a group, the offsets of handled records are committed.
   */
  readonly handle: (message: ConsumedMessage<AnyTopic>) => 'continue' | 'stop' | Promise<'continue' | 'stop'>
  /** Stop after this long without a record. */
  readonly idleTimeoutMs?: number | undefined
  readonly signal: AbortSignal
}

/** Why consuming ended. */
export type ConsumeEnd = 'stopped' | 'idle' | 'signal'

/** A throwaway consumer group id: `kafkakit-cli-<random>`. */
export const throwawayGroupId = () => `kafkakit-cli-${randomBytes(6).toString('hex')}`

/**
 * Consumes `topic` with @kafkakit/consumer (manual commits, no retries, no dead letters) until the handler
 * says stop, no record came for `idleTimeoutMs`, or `signal` fires; then leaves the group.
 */
export async function consumeUntil(client: KafkaClient, options: ConsumeUntilOptions): Promise<ConsumeEnd> {
  const group = options.groupId
  let finish: (end: ConsumeEnd) => void = () => undefined
  const ended = new Promise<ConsumeEnd>((resolve) => {
    finish = resolve
  })
  let done = false
  let idle: NodeJS.Timeout | undefined
  const armIdle = () => {
    if (options.idleTimeoutMs === undefined) return
    clearTimeout(idle)
    idle = setTimeout(() => finish('idle'), options.idleTimeoutMs)
  }
  const consumer = createConsumer(client, {
    groupId: group ?? throwawayGroupId(),
    topics: [options.topic],
    fromBeginning: options.fromBeginning,
    commit: 'manual',
    retry: { attempts: 1 },
    handler: async (message) => {
      if (done) return
      armIdle()
      const next = await options.handle(message)
      if (group) await message.commit()
      if (next === 'stop') {
        done = true
        finish('stopped')
      }
    },
  })
  const onAbort = () => finish('signal')
  options.signal.addEventListener('abort', onAbort, { once: true })
  try {
    armIdle()
    await Promise.race([consumer.start(), ended])
    return await ended
  } finally {
    done = true
    clearTimeout(idle)
    options.signal.removeEventListener('abort', onAbort)
    await consumer.stop()
  }
}
