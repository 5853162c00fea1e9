import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

/**
 * Converts a registry client failure: 404 is KAFKAKIT_SCHEMA_NOT_FOUND (not retriable); 5xx, 408, 429 and
 * network failures are KAFKAKIT_REGISTRY_UNAVAILABLE (retriable); other refusals (409 incompatible,
 * 422 invalid, 401/403) are KAFKAKIT_SCHEMA_REGISTRY.
 */
export function registryError(error: unknown, operation: string, url: string, hint?: string): KafkakitError {
  const status =
    typeof (error as { status?: unknown })?.status === 'number'
      ? (error as { status: number }).status
      : undefined
  const reason = (error as Error)?.message ?? String(error)
  if (status === 404) {
    return new KafkakitError(
      ErrorCode.SCHEMA_NOT_FOUND,
      `Schema registry: cannot ${operation}: not found${hint ? ` (${hint})` : ''}`,
      { cause: error, retriable: false, details: { status, url } },
    )
  }
  // The HTTP client reports network failures (refused, reset, timed out) as status 400.
  const network =
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|EPIPE|socket hang up|timeout/i.test(
      reason,
    )
  if (status === undefined || network || status >= 500 || status === 408 || status === 429) {
    return new KafkakitError(
      ErrorCode.REGISTRY_UNAVAILABLE,
      `Schema registry at ${url} is unavailable: cannot ${operation} (${reason}); the request can be retried`,
      { cause: error, retriable: true, details: { status, url } },
    )
  }
  return new KafkakitError(ErrorCode.SCHEMA_REGISTRY, `Schema registry refused to ${operation}: ${reason}`, {
    cause: error,
    retriable: false,
    details: { status, url },
  })
}
