/** The options of every kafkakit call that can wait. */
export interface AbortOptions {
  /**
   * Ends the wait: once it aborts, the call rejects with KAFKAKIT_ABORTED (the signal's reason as its
   * cause). Each call says what else an abort does.
   */
  readonly signal?: AbortSignal | undefined
}
