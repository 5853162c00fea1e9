import { expect, test } from 'vitest'
import { formatEventDatetime, makeUserEvent } from './make-user-event.js'
import { UserEvent } from './topic.js'

test('event_datetime is local time as YYYY-MM-DD-HH-mm-ss, zero-padded', () => {
  expect(formatEventDatetime(new Date(2020, 5, 2, 1, 2, 3))).toBe('2020-06-02-01-02-03')
  expect(formatEventDatetime(new Date(2020, 11, 31, 23, 59, 59))).toBe('2020-12-31-23-59-59')
})

test('made events pass the topic schema, with fresh ids and every event type in use', () => {
  const events = Array.from({ length: 200 }, () => makeUserEvent(new Date(2020, 5, 12, 21, 12, 27)))
  for (const event of events) expect(UserEvent.parse(event)).toEqual(event)
  expect(events[0]!.event_datetime).toBe('2020-06-12-21-12-27')
  expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length)
  expect(new Set(events.map((e) => e.event_type))).toEqual(
    new Set(['buy', 'sell', 'click', 'hover', 'idle_5']),
  )
})

test('the schema refuses what the seed would never send', () => {
  const event = makeUserEvent()
  expect(UserEvent.safeParse({ ...event, event_type: 'scroll' }).success).toBe(false)
  expect(UserEvent.safeParse({ ...event, event_id: 'not-a-uuid' }).success).toBe(false)
  expect(UserEvent.safeParse({ ...event, event_datetime: '2020-06-12 21:12:27' }).success).toBe(false)
})
