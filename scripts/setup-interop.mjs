// Creates the Python environment the interop tests use: Confluent's Python client (librdkafka inside)
// with its Avro serdes, pinned in test/interop/requirements.txt. Idempotent; prints the python path.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { interopPython, interopVenv } from '../test/interop/interop-python.mjs'

const python = interopPython()
if (!existsSync(python)) execFileSync('python3', ['-m', 'venv', interopVenv()], { stdio: 'inherit' })
execFileSync(
  python,
  ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', 'test/interop/requirements.txt'],
  {
    stdio: 'inherit',
  },
)
console.log(python)
