import { defineTopic, json, string } from '@kafkakit/core'
import { z } from 'zod'

/** The seed's topic and consumer group (user_event_producer.py, user_event_consumer.py). */
export const DEFAULT_TOPIC = 'events_topic'
export const DEFAULT_GROUP = 'event-collector-group-1'

export const EVENT_TYPES = ['buy', 'sell', 'click', 'hover', 'idle_5'] as const

/** One user action, as the seed's producer sends it. */
export const UserEvent = z.object({
  event_id: z.uuid(),
  /** Local time, `YYYY-MM-DD-HH-mm-ss` (Python's `%Y-%m-%d-%H-%M-%S`). */
  event_datetime: z.string().regex(/^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD-HH-mm-ss'),
  event_type: z.enum(EVENT_TYPES),
})
export type UserEvent = z.infer<typeof UserEvent>

/**
 * The user-events topic, declared once for the producer, the consumer and the tests: keyed by event id,
 * the value JSON checked by `UserEvent` on both sides. `name` is `events_topic` unless overridden (tests).
 */
export function userEventsTopic(name: string = DEFAULT_TOPIC) {
  return defineTopic({ name, key: string(), value: json(UserEvent) })
}
