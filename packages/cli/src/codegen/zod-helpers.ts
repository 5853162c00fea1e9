/**
 * Code a generated module declares once when its schemas use it. The date and time checks follow RFC 3339
 * as ajv-formats (full mode) checks them, so a generated schema accepts what ajv accepts.
 */
export const zodHelpers = {
  avroNumber: `/** An Avro float or double: any JavaScript number, NaN and the infinities included. */
const avroNumber = z.union([z.number(), z.nan(), z.literal([Infinity, -Infinity])])`,
  avroBranch: `/** A branch of a wrapped Avro union: an object whose one own key is the branch's name (as avsc checks it). */
function avroBranch<const K extends string, T extends z.ZodType>(name: K, schema: T) {
  return z.custom<{ [P in K]: z.output<T> }>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      Object.keys(value).length === 1 &&
      Object.keys(value)[0] === name &&
      schema.safeParse((value as Record<string, unknown>)[name]).success,
    \`expected \${JSON.stringify({ [name]: '...' })} with a valid value\`,
  )
}`,
  isRfc3339Date: `/** RFC 3339 full-date: YYYY-MM-DD with a real day of that month. */
function isRfc3339Date(text: string): boolean {
  const match = /^(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)$/.exec(text)
  if (!match) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const days = [0, 31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] ?? 0
  return month >= 1 && month <= 12 && day >= 1 && day <= days
}`,
  isRfc3339Time: `/** RFC 3339 full-time: hh:mm:ss[.fraction] and a zone (Z or +hh:mm); a leap second only at 23:59 UTC. */
function isRfc3339Time(text: string): boolean {
  const match = /^(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)(z|([+-])(\\d\\d)(?::?(\\d\\d))?)?$/i.exec(text)
  if (!match || !match[4]) return false
  const hour = Number(match[1])
  const minute = Number(match[2])
  const second = Number(match[3])
  const sign = match[5] === '-' ? -1 : 1
  const zoneHour = Number(match[6] ?? 0)
  const zoneMinute = Number(match[7] ?? 0)
  if (zoneHour > 23 || zoneMinute > 59) return false
  if (hour <= 23 && minute <= 59 && second < 60) return true
  const utcMinute = minute - zoneMinute * sign
  const utcHour = hour - zoneHour * sign - (utcMinute < 0 ? 1 : 0)
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61
}`,
  isRfc3339DateTime: `/** RFC 3339 date-time: a full-date, T (or t, or a space), a full-time. */
function isRfc3339DateTime(text: string): boolean {
  const parts = text.split(/t|\\s/i)
  return parts.length === 2 && isRfc3339Date(parts[0]!) && isRfc3339Time(parts[1]!)
}`,
} as const

export type HelperName = keyof typeof zodHelpers

/** Helpers that need other helpers. */
const needs: Partial<Record<HelperName, readonly HelperName[]>> = {
  isRfc3339DateTime: ['isRfc3339Date', 'isRfc3339Time'],
}

/** The helpers' code, with what they need, in a stable order. */
export function renderHelpers(used: Iterable<HelperName>): string[] {
  const all = new Set<HelperName>()
  for (const name of used) {
    all.add(name)
    for (const needed of needs[name] ?? []) all.add(needed)
  }
  return (Object.keys(zodHelpers) as HelperName[])
    .filter((name) => all.has(name))
    .map((name) => zodHelpers[name])
}
