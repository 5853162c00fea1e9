/** Where one produced record landed. */
export interface RecordMetadata {
  readonly topic: string
  readonly partition: number
  /** Its offset as a decimal string ('-1' with acks 0, when the broker does not answer). */
  readonly offset: string
}
