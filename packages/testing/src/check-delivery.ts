export interface DeliveryReport {
  /** Expected values that are not in what was read. */
  readonly lost: string[]
  /** Values that were read more than once. */
  readonly duplicates: string[]
}

/** Compares what should be there (acknowledged by a producer, or produced for a consumer) with what was read. */
export function checkDelivery(expected: Iterable<string>, seen: readonly string[]): DeliveryReport {
  const counts = new Map<string, number>()
  for (const value of seen) counts.set(value, (counts.get(value) ?? 0) + 1)
  return {
    lost: [...expected].filter((value) => !counts.has(value)),
    duplicates: [...counts].filter(([, count]) => count > 1).map(([value]) => value),
  }
}
