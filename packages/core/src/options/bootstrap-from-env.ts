/** KAFKA_BOOTSTRAP_SERVERS split on commas, or undefined when it is unset or empty. */
export function bootstrapFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const list = (env.KAFKA_BOOTSTRAP_SERVERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return list.length > 0 ? list : undefined
}
