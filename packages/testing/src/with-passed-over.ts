import { KafkakitError } from '@kafkakit/core'

/** Prefixes an error with the modes `auto` passed over, so it says everything that was tried. */
export function withPassedOver(error: KafkakitError, passedOver: readonly string[]): KafkakitError {
  if (passedOver.length === 0) return error
  return new KafkakitError(error.code, `${error.message} (auto mode passed over ${passedOver.join('; ')})`, {
    cause: error.cause ?? error,
    retriable: error.retriable,
    details: { ...error.details, passedOver },
  })
}
