import { intFlag } from './int-flag.js'

/**
 * A `--max-...` flag: stop after that many (an integer of at least 1); absent, no limit (Infinity). A
 * clear message and exit code 2 when it is not such a number.
 */
export function limitFlag(flag: string, value: string | undefined): number {
  return value === undefined ? Number.POSITIVE_INFINITY : intFlag(flag, value)
}
