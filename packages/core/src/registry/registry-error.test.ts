import { expect, test } from 'vitest'
import { registryError } from './registry-error.js'

test.each([
  [{ status: 404, message: 'Subject not found' }, 'KAFKAKIT_SCHEMA_NOT_FOUND', false],
  [{ status: 409, message: 'incompatible' }, 'KAFKAKIT_SCHEMA_REGISTRY', false],
  [{ status: 422, message: 'invalid schema' }, 'KAFKAKIT_SCHEMA_REGISTRY', false],
  [{ status: 401, message: 'unauthorized' }, 'KAFKAKIT_SCHEMA_REGISTRY', false],
  [{ status: 503, message: 'unavailable' }, 'KAFKAKIT_REGISTRY_UNAVAILABLE', true],
  [{ status: 429, message: 'slow down' }, 'KAFKAKIT_REGISTRY_UNAVAILABLE', true],
  // the HTTP client reports network failures as status 400
  [
    { status: 400, message: 'Error, status 400: connect ECONNREFUSED 127.0.0.1:9' },
    'KAFKAKIT_REGISTRY_UNAVAILABLE',
    true,
  ],
  [{ status: 400, message: 'Timeout (10000ms)' }, 'KAFKAKIT_REGISTRY_UNAVAILABLE', true],
  [new Error('fetch failed'), 'KAFKAKIT_REGISTRY_UNAVAILABLE', true],
])('%j is %s (retriable: %s)', (cause, code, retriable) => {
  expect(registryError(cause, 'fetch schema id 1', 'http://r')).toMatchObject({ code, retriable })
})
