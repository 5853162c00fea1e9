import { expect, test } from 'vitest'
import { murmur2, partitionForKey } from './murmur2.js'

// Expected values from Apache Kafka's own tests (clients/src/test/.../utils/UtilsTest.java, testMurmur2).
test.each([
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
])('murmur2(%j) is %i, as in the Java client', (key, expected) => {
  expect(murmur2(Buffer.from(key))).toBe(expected)
})

test('partitions are non-negative and spread over every partition', () => {
  const seen = new Set<number>()
  for (let i = 0; i < 1000; i++) {
    const partition = partitionForKey(Buffer.from(`key-${i}`), 12)
    expect(partition).toBeGreaterThanOrEqual(0)
    expect(partition).toBeLessThan(12)
    seen.add(partition)
  }
  expect(seen.size).toBe(12)
})
