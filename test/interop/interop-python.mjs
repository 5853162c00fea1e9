import { homedir } from 'node:os'
import { join } from 'node:path'

/** The virtual environment of the interop tests: KAFKAKIT_INTEROP_VENV, else <kafkakit cache>/interop-venv. */
export function interopVenv() {
  if (process.env.KAFKAKIT_INTEROP_VENV) return process.env.KAFKAKIT_INTEROP_VENV
  const cache =
    process.env.KAFKAKIT_CACHE_DIR ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kafkakit')
  return join(cache, 'interop-venv')
}

export function interopPython() {
  return join(interopVenv(), 'bin', 'python')
}
