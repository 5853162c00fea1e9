export interface BackoffOptions {
  readonly initialDelayMs: number
  readonly maxDelayMs: number
  readonly multiplier: number
  /** 0..1: the delay is drawn from [d·(1−jitter), d·(1+jitter)]. */
  readonly jitter: number
}

/** The wait before retry `attempt` (1 = the first retry): exponential, capped, with jitter. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** (attempt - 1))
  const spread = base * options.jitter
  return Math.max(0, Math.round(base - spread + random() * 2 * spread))
}
