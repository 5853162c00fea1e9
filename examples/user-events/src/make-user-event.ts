import { randomInt, randomUUID } from 'node:crypto'
import { EVENT_TYPES, type UserEvent } from './topic.js'

const pad = (n: number) => String(n).padStart(2, '0')

/** `at` in local time as `YYYY-MM-DD-HH-mm-ss`, like Python's `datetime.now().strftime('%Y-%m-%d-%H-%M-%S')`. */
export function formatEventDatetime(at: Date): string {
  return [
    at.getFullYear(),
    pad(at.getMonth() + 1),
    pad(at.getDate()),
    pad(at.getHours()),
    pad(at.getMinutes()),
    pad(at.getSeconds()),
  ].join('-')
}

/** A random user event happening `at` (the seed's `_produce_event()`). */
export function makeUserEvent(at: Date = new Date()): UserEvent {
  return {
    event_id: randomUUID(),
    event_datetime: formatEventDatetime(at),
    event_type: EVENT_TYPES[randomInt(EVENT_TYPES.length)]!,
  }
}
