/** A command-line flag's value as an integer of at least `min`; a clear message and exit code 2 otherwise. */
export function intFlag(flag: string, value: string, min = 1): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isSafeInteger(number) || number < min) {
    console.error(`--${flag} expects an integer >= ${min}, got "${value}"`)
    process.exit(2)
  }
  return number
}
