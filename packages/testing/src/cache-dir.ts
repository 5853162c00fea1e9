import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where downloaded jars and unpacked distributions are kept between runs: KAFKAKIT_CACHE_DIR, else ~/.cache/kafkakit. */
export function cacheDir(): string {
  const configured = process.env.KAFKAKIT_CACHE_DIR
  if (configured) return configured
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kafkakit')
}
