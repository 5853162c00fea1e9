import { expect, test } from 'vitest'
import { checkTopicName } from './topic-name.js'

test.each(['events_topic', 'orders.v1', 'a', 'A-b_c.9', 'x'.repeat(249)])(
  '%s is a valid topic name',
  (name) => {
    expect(() => checkTopicName(name)).not.toThrow()
  },
)

test.each([
  ['', /non-empty/],
  ['.', /"\." and "\.\." are not allowed/],
  ['..', /"\." and "\.\." are not allowed/],
  ['x'.repeat(250), /250 characters long; the maximum is 249/],
  ['has space', /only ASCII letters/],
  ['slash/topic', /only ASCII letters/],
  ['ünïcode', /only ASCII letters/],
  [42, /non-empty string/],
])('%j is rejected with KAFKAKIT_CONFIG saying which rule failed', (name, rule) => {
  expect(() => checkTopicName(name)).toThrow(
    expect.objectContaining({ code: 'KAFKAKIT_CONFIG', message: expect.stringMatching(rule) }),
  )
})
